package dev.retrievalgateway.http;

import io.helidon.http.Status;

/** The contract's error codes, each with its status and a fixed message that echoes no input. */
public enum ErrorCode {
  BAD_REQUEST(400, "Bad Request", "The request is malformed."),
  UNAUTHENTICATED(401, "Unauthorized", "A valid identity is required."),
  FORBIDDEN(403, "Forbidden", "The principal's role does not allow this action."),
  QUOTA_EXCEEDED(403, "Forbidden", "The tenant's document quota is exhausted."),
  NOT_FOUND(404, "Not Found", "The resource was not found."),
  METHOD_NOT_ALLOWED(405, "Method Not Allowed", "The method is not allowed on this resource."),
  CONFLICT(409, "Conflict", "A document with this id already exists in the tenant."),
  PAYLOAD_TOO_LARGE(
      413, "Content Too Large", "The request body exceeds " + size(RequestBody.MAX_BYTES) + "."),
  URI_TOO_LONG(
      414,
      "URI Too Long",
      "The request line exceeds " + size(GatewayRouting.MAX_REQUEST_LINE) + "."),
  UNSUPPORTED_MEDIA_TYPE(
      415, "Unsupported Media Type", "The request body must be application/json."),
  HEADERS_TOO_LARGE(
      431,
      "Request Header Fields Too Large",
      "The request headers exceed " + size(GatewayRouting.MAX_HEADERS) + "."),
  TOO_MANY_REQUESTS(429, "Too Many Requests", "Too many requests; retry later."),
  // 507 (RFC 4918 §11.5): the server cannot store the representation, for no fault of the request;
  // a 5xx, so that the alarm on server errors tells the operator the store is full.
  STORE_FULL(
      507, "Insufficient Storage", "The gateway's document store is full; nothing was stored."),
  INTERNAL(500, "Internal Server Error", "An internal error occurred."),
  UNAVAILABLE(503, "Service Unavailable", "The service is temporarily unavailable.");

  private final Status status;
  private final String message;

  ErrorCode(int code, String reason, String message) {
    this.status = Status.create(code, reason);
    this.message = message;
  }

  public Status status() {
    return status;
  }

  /** The wire code, e.g. {@code bad_request}. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public String defaultMessage() {
    return message;
  }

  /** A limit in bytes as the contract writes it: {@code 1 MiB}, {@code 8 KiB}. */
  private static String size(int bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes / 1024 + " KiB";
  }
}
