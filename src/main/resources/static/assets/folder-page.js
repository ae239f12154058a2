// The folder page's script: uploads with a progress bar each, new folders, moves and deletes
// through the /files API, and an API key or token kept for this tab only (sessionStorage). The
// page works without it (links, the upload form); it is the page's only script and nothing of
// it is inline, so the page runs under its strict Content-Security-Policy.
'use strict';

(function () {
	const CREDENTIAL = 'ftp-gateway.credential';

	/** Uploads waiting for their turn: one at a time, so a page never holds many FTP sessions. */
	const queue = [];
	let uploading = false;

	function credential() {
		return sessionStorage.getItem(CREDENTIAL);
	}

	/** Request headers with the tab's key or token, if it has one; Basic logins are the browser's. */
	function headers(extra) {
		const all = Object.assign({}, extra);
		const token = credential();
		if (token) {
			all.Authorization = 'Bearer ' + token;
		}
		return all;
	}

	function say(text) {
		const status = document.getElementById('status');
		if (status) {
			status.textContent = text;
		}
	}

	function detail(status, text) {
		try {
			const problem = JSON.parse(text);
			return problem.detail || problem.title || String(status);
		}
		catch (ignored) {
			return 'HTTP ' + status;
		}
	}

	async function failure(response) {
		return detail(response.status, await response.text());
	}

	/** The folder the page shows, as an absolute URL ending in /. */
	function folderUrl() {
		return new URL('./', location.href).href;
	}

	function canWrite() {
		return document.body.dataset.write === 'true';
	}

	// --- pages fetched with the tab's credential ------------------------------------------

	async function fetchPage(url) {
		const response = await fetch(url, { headers: headers({ Accept: 'text/html' }) });
		const type = response.headers.get('Content-Type') || '';
		return { response, page: type.startsWith('text/html') ? new DOMParser().parseFromString(await response.text(), 'text/html') : null };
	}

	/** Shows the page at url in place of this one (a folder, with the tab's credential). */
	async function show(url, push) {
		const { response, page } = await fetchPage(url);
		if (!page) {
			await saveResponse(response, decodeURIComponent(new URL(response.url).pathname.split('/').pop()));
			return;
		}
		if (response.status === 401 && credential()) {
			sessionStorage.removeItem(CREDENTIAL);
		}
		document.title = page.title;
		document.body.replaceWith(document.adoptNode(page.body));
		if (push) {
			history.pushState(null, '', response.url);
		}
		else if (response.url !== location.href) {
			history.replaceState(null, '', response.url);
		}
		prepare();
		if (response.status === 401) {
			say('The key or token was not accepted.');
		}
	}

	/** Lists the folder again after a change, keeping uploads and messages. */
	async function refresh() {
		const { page } = await fetchPage(location.href);
		const fresh = page && page.getElementById('listing');
		const current = document.getElementById('listing');
		if (fresh && current) {
			current.replaceWith(document.adoptNode(fresh));
			foldersFirst();
		}
	}

	// --- downloads with the tab's credential ------------------------------------------------

	async function saveResponse(response, name) {
		if (!response.ok) {
			say(await failure(response));
			return;
		}
		// A plain link cannot carry the key, so the file comes through memory: fine for the files
		// people open in a browser; curl or pass-through Basic stream any size.
		const url = URL.createObjectURL(await response.blob());
		const link = document.createElement('a');
		link.href = url;
		link.download = name;
		document.body.append(link);
		link.click();
		link.remove();
		setTimeout(() => URL.revokeObjectURL(url), 60000);
	}

	async function save(link) {
		say('Downloading ' + link.closest('tr').dataset.name + ' ...');
		const response = await fetch(link.href, { headers: headers() });
		await saveResponse(response, link.closest('tr').dataset.name);
		say('');
	}

	// --- uploads ----------------------------------------------------------------------------

	function enqueue(files) {
		for (const file of files) {
			queue.push(transfer(file));
		}
		next();
	}

	/** A line in the upload list: name, progress bar, state and a cancel button. */
	function transfer(file) {
		const item = document.createElement('li');
		const name = document.createElement('span');
		name.textContent = file.name;
		const bar = document.createElement('progress');
		bar.max = Math.max(file.size, 1);
		bar.value = 0;
		bar.setAttribute('aria-label', 'Upload of ' + file.name);
		const state = document.createElement('output');
		state.textContent = 'waiting';
		const cancel = document.createElement('button');
		cancel.type = 'button';
		cancel.textContent = 'Cancel';
		item.append(name, ' ', bar, ' ', state, ' ', cancel);
		document.getElementById('transfers').append(item);
		const job = { file, bar, state, cancel, xhr: null, cancelled: false };
		cancel.addEventListener('click', () => {
			job.cancelled = true;
			cancel.disabled = true;
			state.textContent = 'cancelled';
			if (job.xhr) {
				job.xhr.abort();
			}
		});
		return job;
	}

	function next() {
		if (uploading) {
			return;
		}
		const job = queue.shift();
		if (!job) {
			return;
		}
		if (job.cancelled) {
			next();
			return;
		}
		uploading = true;
		put(job, true);
	}

	function finished() {
		uploading = false;
		next();
	}

	/** PUTs one file; with exclusive, If-None-Match: * asks before replacing an existing file. */
	function put(job, exclusive) {
		const xhr = new XMLHttpRequest();
		job.xhr = xhr;
		xhr.open('PUT', folderUrl() + encodeURIComponent(job.file.name));
		const all = headers(exclusive ? { 'If-None-Match': '*' } : {});
		for (const [name, value] of Object.entries(all)) {
			xhr.setRequestHeader(name, value);
		}
		xhr.upload.addEventListener('progress', (event) => {
			job.bar.value = event.loaded;
			job.state.textContent = Math.floor(100 * event.loaded / job.bar.max) + ' %';
		});
		xhr.addEventListener('load', () => {
			if (xhr.status === 412 && exclusive) {
				if (confirm(job.file.name + ' exists already. Replace it?')) {
					put(job, false);
					return;
				}
				job.state.textContent = 'kept the existing file';
			}
			else if (xhr.status >= 200 && xhr.status < 300) {
				job.bar.value = job.bar.max;
				job.state.textContent = 'done';
				refresh();
			}
			else {
				job.state.textContent = 'failed: ' + detail(xhr.status, xhr.responseText);
			}
			job.cancel.disabled = true;
			finished();
		});
		xhr.addEventListener('error', () => {
			job.state.textContent = 'failed: the connection was lost';
			job.cancel.disabled = true;
			finished();
		});
		xhr.addEventListener('abort', finished);
		job.state.textContent = '0 %';
		xhr.send(job.file);
	}

	// --- folder changes ---------------------------------------------------------------------

	async function report(response, success) {
		if (response.ok) {
			say(success);
			await refresh();
		}
		else {
			say(await failure(response));
		}
	}

	async function newFolder() {
		const name = prompt('Name of the new folder');
		if (!name) {
			return;
		}
		const response = await fetch(folderUrl() + encodeURIComponent(name) + '/', { method: 'PUT', headers: headers() });
		await report(response, 'Created ' + name);
	}

	async function act(action, row) {
		const name = row.dataset.name;
		const folder = row.dataset.type === 'folder';
		const url = new URL(row.querySelector('td.name a').getAttribute('href'), folderUrl()).href;
		if (action === 'delete') {
			if (!confirm(folder ? 'Delete the folder ' + name + ' and everything in it?' : 'Delete ' + name + '?')) {
				return;
			}
			const response = await fetch(url + (folder ? '?recursive=true' : ''), { method: 'DELETE', headers: headers() });
			await report(response, 'Deleted ' + name);
		}
		else if (action === 'move') {
			const from = document.body.dataset.folder + name;
			const to = prompt('Rename or move ' + name + ' to', from);
			if (!to || to === from) {
				return;
			}
			// A move takes no body: the destination goes in the query string.
			const response = await fetch(url + '?moveTo=' + encodeURIComponent(to), { method: 'POST', headers: headers() });
			await report(response, 'Moved ' + name + ' to ' + to);
		}
	}

	// --- the page ----------------------------------------------------------------------------

	/** Folders before files, keeping the server's order within each (sorted pages are already). */
	function foldersFirst() {
		const body = document.querySelector('#listing tbody');
		if (!body || body.dataset.sorted === 'true') {
			return;
		}
		const folders = document.createDocumentFragment();
		body.querySelectorAll('tr[data-type="folder"]').forEach((row) => folders.append(row));
		body.insertBefore(folders, body.querySelector('tr[data-name]'));
	}

	function prepare() {
		document.documentElement.classList.add('js');
		const signIn = document.getElementById('sign-in');
		const signOut = document.getElementById('sign-out');
		if (signIn) {
			signIn.hidden = Boolean(credential()) || document.body.dataset.offerSignIn !== 'true';
		}
		if (signOut) {
			signOut.hidden = !credential();
		}
		const dialog = document.getElementById('credential-dialog');
		if (dialog) {
			dialog.addEventListener('close', () => {
				const input = document.getElementById('credential');
				const value = input.value.trim();
				input.value = '';
				if (dialog.returnValue === 'use' && value) {
					sessionStorage.setItem(CREDENTIAL, value);
					show(location.href, false);
				}
			});
		}
		const files = document.getElementById('files');
		if (files) {
			files.addEventListener('change', () => {
				enqueue(Array.from(files.files));
				files.value = '';
			});
		}
		foldersFirst();
	}

	/** A link to a page of this gateway's folders (a folder, a breadcrumb, a sort order). */
	function isFolderLink(link) {
		const url = new URL(link.href);
		return url.origin === location.origin && url.pathname.endsWith('/') && !link.hasAttribute('data-file');
	}

	document.addEventListener('click', (event) => {
		if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
			return;
		}
		const target = event.target.closest('a, button');
		if (!target) {
			return;
		}
		if (target.matches('button[data-action]')) {
			act(target.dataset.action, target.closest('tr'));
		}
		else if (target.id === 'new-folder') {
			newFolder();
		}
		else if (target.id === 'sign-in') {
			document.getElementById('credential-dialog').showModal();
		}
		else if (target.id === 'sign-out') {
			sessionStorage.removeItem(CREDENTIAL);
			location.reload();
		}
		else if (target.matches('a') && credential()) {
			// Plain navigation would not carry the key: fetch the page or file with it instead.
			if (target.hasAttribute('data-file')) {
				event.preventDefault();
				save(target);
			}
			else if (isFolderLink(target)) {
				event.preventDefault();
				show(target.href, true);
			}
		}
	});

	document.addEventListener('submit', (event) => {
		if (event.target.id === 'upload') {
			event.preventDefault();
			const files = document.getElementById('files');
			enqueue(Array.from(files.files));
			files.value = '';
		}
	});

	function carriesFiles(event) {
		return canWrite() && event.dataTransfer && Array.from(event.dataTransfer.types).includes('Files');
	}

	document.addEventListener('dragover', (event) => {
		if (carriesFiles(event)) {
			event.preventDefault();
			document.body.classList.add('dropping');
		}
	});
	document.addEventListener('dragleave', (event) => {
		if (event.relatedTarget === null) {
			document.body.classList.remove('dropping');
		}
	});
	document.addEventListener('drop', (event) => {
		document.body.classList.remove('dropping');
		if (carriesFiles(event)) {
			event.preventDefault();
			enqueue(Array.from(event.dataTransfer.files));
		}
	});

	window.addEventListener('popstate', () => show(location.href, false));

	if (credential() && document.body.dataset.signedIn !== 'true') {
		show(location.href, false);
	}
	else {
		prepare();
	}
})();
