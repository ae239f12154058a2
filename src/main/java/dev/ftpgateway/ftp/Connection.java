package dev.ftpgateway.ftp;

import java.io.IOException;
import java.util.Map;

/**
 * What lives as long as one control connection: its dialogue and the parts working over it,
 * the features the server announced and the transfer type it is in. A new connection starts
 * from nothing, so nothing learned from one server outlives its connection.
 */
final class Connection {

	final Dialogue dialogue;

	final Resync resync;

	final TransferOpener transfers;

	final Listings listings;

	final FileCommands files;

	private Map<String, String> features;

	/** The TYPE the session is in, 0 when unknown. */
	private char type;

	Connection(Dialogue dialogue, ClientSettings settings, ControlKeepAlive keepAlive,
			TransferOpener.DataConnectionHook dataHook, Listings.LineSource lines) {
		this.dialogue = dialogue;
		this.resync = new Resync(dialogue, keepAlive);
		this.transfers = new TransferOpener(dialogue, settings, this.resync, keepAlive, dataHook);
		this.listings = new Listings(dialogue, lines);
		this.files = new FileCommands(dialogue);
	}

	/** Checks the command before anything is sent for it, sets the type it needs, then opens it. */
	Transfer openTransfer(String cmd, char wantedType, Long rest, boolean binary, boolean checkSize)
			throws IOException {
		ControlConnection.checkSafe(cmd);
		ensureType(wantedType);
		return this.transfers.open(cmd, rest, binary, checkSize);
	}

	/**
	 * The extensions the server announces in reply to FEAT (RFC 2389); asked once, empty when
	 * the server has no FEAT.
	 */
	Map<String, String> features() throws IOException {
		if (this.features == null) {
			try {
				this.features = Replies.parseFeatures(this.dialogue.command("FEAT"));
			}
			catch (FtpPermanentException ex) {
				// No FEAT: the server predates RFC 2389, so it announces nothing.
				this.features = Map.of();
			}
		}
		return this.features;
	}

	/** Sends TYPE only when the session is not in that type already, saving a round trip per transfer. */
	void ensureType(char wanted) throws IOException {
		if (this.type != wanted) {
			this.dialogue.voidCommand("TYPE " + wanted);
			this.type = wanted;
		}
	}

	/** A TYPE the caller sent itself leaves the type unknown. */
	void forgetTypeIfChanged(String cmd) {
		if (cmd.regionMatches(true, 0, "TYPE", 0, 4)) {
			this.type = 0;
		}
	}

}
