package dev.ftpgateway.web;

import java.net.URI;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /} leads to the root folder, so a person who types the gateway's address lands on
 * its files. The location is relative, so it stays right behind a proxy that mounts the
 * gateway below a path of its own.
 */
@RestController
@Hidden
public class GatewayRoot {

	@GetMapping("/")
	public ResponseEntity<Void> root() {
		return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("files/")).build();
	}

}
