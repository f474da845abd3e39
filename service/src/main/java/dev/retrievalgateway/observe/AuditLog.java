package dev.retrievalgateway.observe;

import dev.retrievalgateway.access.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The gateway's events, as the contract names them: {@code request}, {@code access_denied}, {@code
 * throttled}, {@code error}, {@code store_unavailable}, {@code startup}, {@code shutdown}. Each
 * method takes typed values only; none takes a body, query text, document text or header value.
 */
public final class AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

  private AuditLog() {}

  /** Who asked, when known: the principal's fields of an event. */
  public record Who(String user, String tenant, String role) {
    public static final Who NOBODY = new Who(null, null, null);
  }

  /** The ids every request event carries. */
  public record Ids(String requestId, String traceId) {}

  public static void request(
      Ids ids,
      String method,
      String route,
      int status,
      long durationMs,
      Who who,
      String awsRequestId,
      String apigwRequestId) {
    start("request", ids)
        .with(Field.METHOD, method)
        .with(Field.ROUTE, route)
        .with(Field.STATUS, status)
        .with(Field.DURATION_MS, durationMs)
        .with(who)
        .with(Field.AWS_REQUEST_ID, awsRequestId)
        .with(Field.APIGW_REQUEST_ID, apigwRequestId)
        .log(LOG);
  }

  public static void accessDenied(Ids ids, String reason, String route, Who who, String client) {
    accessDenied(ids, reason, null, route, who, client);
  }

  /**
   * An {@code access_denied} event with a {@code detail}: a fixed category from the identity
   * resolver (e.g. {@code bad_signature}), never input and never a library's message.
   */
  public static void accessDenied(
      Ids ids, String reason, String detail, String route, Who who, String client) {
    start("access_denied", ids)
        .with(Field.REASON, reason)
        .with(Field.DETAIL, detail)
        .with(Field.ROUTE, route)
        .with(who)
        .with(Field.CLIENT, who.user() == null ? client : null)
        .log(LOG, Level.WARN);
  }

  /**
   * An {@code access_denied} event, as {@link #accessDenied(Ids, String, String, Who, String)},
   * written off the caller's thread (see {@link BackgroundWriter}): for a denial that the response
   * must not reveal by its timing.
   */
  public static void accessDeniedInBackground(Ids ids, String reason, String route, Who who) {
    BackgroundWriter.write(() -> accessDenied(ids, reason, route, who, null));
  }

  public static void throttled(Ids ids, String route, Who who, String client) {
    start("throttled", ids)
        .with(Field.ROUTE, route)
        .with(who)
        .with(Field.CLIENT, who.user() == null ? client : null)
        .log(LOG, Level.WARN);
  }

  /** A 500: the exception's class and stack frames, never its message (it may carry input). */
  public static void error(Ids ids, String route, Throwable failure) {
    start("error", ids)
        .with(Field.ROUTE, route)
        .with(Field.EXCEPTION_CLASS, failure.getClass().getName())
        .with(Field.FRAMES, frames(failure))
        .log(LOG, Level.ERROR);
  }

  /**
   * Start-up done: also the effective roles, so an operator sees which rules are enforced; {@code
   * documents} is left out when the store cannot count cheaply (null).
   */
  public static void startup(
      String version,
      String authMode,
      String store,
      int port,
      Long documents,
      Collection<Role> roles) {
    List<Map<String, Object>> summaries = new ArrayList<>();
    for (Role role : roles) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("name", role.name());
      summary.put("clearance", role.clearance().wireName());
      summary.put("write", role.writer());
      summaries.add(summary);
    }
    lifecycle("startup", version, authMode, store, port, documents)
        .with(Field.ROLES, summaries)
        .log(LOG);
  }

  public static void shutdown(
      String version, String authMode, String store, int port, Long documents) {
    lifecycle("shutdown", version, authMode, store, port, documents).log(LOG);
  }

  private static Event lifecycle(
      String event, String version, String authMode, String store, int port, Long documents) {
    return Event.named(event)
        .with(Field.VERSION, version)
        .with(Field.AUTH_MODE, authMode)
        .with(Field.STORE, store)
        .with(Field.PORT, port)
        .with(Field.DOCUMENTS, documents);
  }

  /**
   * The store did not answer (the request gets {@code 503 unavailable}): a fixed category ({@code
   * connect}, {@code timeout}, {@code status}, {@code protocol}) and the operation, never a
   * library's message, a query or document text. {@code ids} is null outside a request.
   */
  public static void storeUnavailable(Ids ids, String route, String category, String operation) {
    (ids == null ? Event.named("store_unavailable") : start("store_unavailable", ids))
        .with(Field.ROUTE, route)
        .with(Field.CATEGORY, category)
        .with(Field.OPERATION, operation)
        .log(LOG, Level.WARN);
  }

  /** Start-up refused: names the configuration key and the rule, never the value. */
  public static void startupFailed(String key, String problem) {
    Event.named("startup_failed")
        .with(Field.KEY, key)
        .with(Field.PROBLEM, problem)
        .log(LOG, Level.ERROR);
  }

  private static Event start(String name, Ids ids) {
    return Event.named(name)
        .with(Field.REQUEST_ID, ids.requestId())
        .with(Field.TRACE_ID, ids.traceId());
  }

  /** Stack frames of the failure and its causes; never a message. */
  static List<String> frames(Throwable failure) {
    return ThrowableFrames.of(failure);
  }
}
