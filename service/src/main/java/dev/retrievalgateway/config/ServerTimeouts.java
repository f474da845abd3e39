package dev.retrievalgateway.config;

import java.time.Duration;

/**
 * How long a connection may take to deliver a request ({@code server.timeouts.*}, in seconds):
 * {@code idle} between requests, {@code header} for a request line and headers from their first
 * byte (and for a new connection from its accept), {@code body} for a declared body from the end of
 * its headers. A connection past one is closed.
 */
public record ServerTimeouts(Duration idle, Duration header, Duration body) {}
