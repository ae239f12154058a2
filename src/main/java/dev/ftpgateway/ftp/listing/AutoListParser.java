package dev.ftpgateway.ftp.listing;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Parses LIST output of a server whose format is not known in advance: tries each format in
 * turn (Unix, then Windows by default) and, once one has matched, tries that one first for the
 * following lines, as Commons Net's {@code CompositeFileEntryParser} does. The remembered
 * format belongs to one server, so use one instance per server or connection.
 */
public final class AutoListParser implements ListingParser {

	private final List<ListingParser> formats;

	private volatile ListingParser matched;

	/** Unix then Windows lines, times read as UTC. */
	public AutoListParser() {
		this(Clock.systemUTC(), ZoneOffset.UTC);
	}

	/**
	 * Unix then Windows lines.
	 * @param clock the clock that decides years the lines leave out
	 * @param zone the server's time zone, in which listed times are read
	 */
	public AutoListParser(Clock clock, ZoneId zone) {
		this(List.of(new UnixListParser(clock, zone), new WindowsListParser(clock, zone)));
	}

	/**
	 * @param formats the parsers to try, in order, until one has matched
	 */
	public AutoListParser(List<ListingParser> formats) {
		this.formats = List.copyOf(formats);
	}

	@Override
	public Optional<FtpEntry> parse(String line) {
		ListingParser first = this.matched;
		if (first != null) {
			Optional<FtpEntry> entry = first.parse(line);
			if (entry.isPresent()) {
				return entry;
			}
		}
		for (ListingParser format : this.formats) {
			if (format != first) {
				Optional<FtpEntry> entry = format.parse(line);
				if (entry.isPresent()) {
					if (first == null) {
						this.matched = format;
					}
					return entry;
				}
			}
		}
		return Optional.empty();
	}

}
