package dev.ftpgateway.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The JSON body of a folder listing.
 *
 * @param path the listed folder, relative to the gateway root, e.g. {@code /docs}
 * @param entries the folder's entries, without {@code .} and {@code ..}, in the order the server lists them
 */
@Schema(description = "A folder listing")
public record FolderListing(String path, List<FileInfo> entries) {
}
