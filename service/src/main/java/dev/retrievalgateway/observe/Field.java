package dev.retrievalgateway.observe;

import java.util.Locale;

/**
 * The fields a gateway event may carry. Events take fields only from this list, so a body, query
 * text, document text, token or header value has no field to travel in.
 */
public enum Field {
  REQUEST_ID,
  TRACE_ID,
  METHOD,
  ROUTE,
  STATUS,
  DURATION_MS,
  USER,
  TENANT,
  ROLE,
  REASON,
  DETAIL,
  CLIENT,
  AWS_REQUEST_ID,
  APIGW_REQUEST_ID,
  EXCEPTION_CLASS,
  FRAMES,
  VERSION,
  AUTH_MODE,
  PORT,
  DOCUMENTS,
  ROLES,
  KEY,
  PROBLEM,
  STORE,
  CATEGORY,
  OPERATION;

  /** The JSON name of the field. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
