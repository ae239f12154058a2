-- wrk script of bench.sh's "different files" runs: each request asks for the next of the lab's
-- small/f0001.bin .. f1000.bin, the second thread starting halfway, so the requests in flight at
-- any moment are for different files and never share a check of a cached copy.
local threads = 0

function setup(thread)
	thread:set("file", threads * 500)
	threads = threads + 1
end

function request()
	file = file % 1000 + 1
	return wrk.format("GET", wrk.path:gsub("/$", "") .. string.format("/small/f%04d.bin", file))
end
