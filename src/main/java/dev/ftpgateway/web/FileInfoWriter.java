package dev.ftpgateway.web;

import java.time.Instant;

import tools.jackson.core.JsonGenerator;

/**
 * Writes {@link FileInfo}s with direct generator calls, in the shape the JSON mapper gives the
 * record: the mapper's reflective bean serialization cost more per entry of a large listing than
 * reading the entry off the wire. One instance per listing: it remembers the last time it
 * formatted, since the entries of a folder often share a modification time.
 */
final class FileInfoWriter {

	private final JsonGenerator generator;

	private Instant lastModified;

	private String lastModifiedText;

	FileInfoWriter(JsonGenerator generator) {
		this.generator = generator;
	}

	void write(FileInfo info) {
		this.generator.writeStartObject();
		this.generator.writeStringProperty("name", info.name());
		this.generator.writeStringProperty("type", info.type());
		if (info.size() != null) {
			this.generator.writeNumberProperty("size", info.size());
		}
		else {
			this.generator.writeNullProperty("size");
		}
		this.generator.writeStringProperty("modified", text(info.modified()));
		this.generator.writeStringProperty("permissions", info.permissions());
		this.generator.writeStringProperty("linkTarget", info.linkTarget());
		this.generator.writeEndObject();
	}

	/** ISO-8601 as the mapper writes an Instant, or null. */
	private String text(Instant modified) {
		if (modified == null) {
			return null;
		}
		if (!modified.equals(this.lastModified)) {
			this.lastModified = modified;
			this.lastModifiedText = modified.toString();
		}
		return this.lastModifiedText;
	}

}
