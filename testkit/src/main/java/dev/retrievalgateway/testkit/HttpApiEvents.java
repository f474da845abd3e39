package dev.retrievalgateway.testkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway HTTP API events (payload format 2.0), built with aws-lambda-java-events' own types
 * and filled in as API Gateway fills them (route key {@code $default}, lower-case header names).
 *
 * <pre>{@code
 * APIGatewayV2HTTPEvent event =
 *     HttpApiEvents.request("POST", "/query").header("content-type", "application/json")
 *         .body("{}").sourceIp("198.51.100.7").build();
 * }</pre>
 *
 * <p>{@link #json()} gives the same event as the JSON API Gateway hands the Invoke API, for a test
 * that invokes a deployed function (the AWS SDK, the AWS CLI, LocalStack). The lambda-emulator's
 * own {@code HttpApiEvent} is not this: it translates a real HTTP request in the emulator's API
 * front (and makes its AOT training events), and ships with that tool, whose class path ({@code
 * make run-lambda-local}) holds neither this kit nor aws-lambda-java-events.
 */
public final class HttpApiEvents {
  private static final ObjectMapper WITHOUT_NULLS =
      JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();
  private final String method;
  private final String rawPath;
  private String rawQuery = "";
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final List<String> cookies = new ArrayList<>();
  private String body;
  private boolean base64;
  private String sourceIp = "198.51.100.7";
  private String requestId = "JKJaXmPLvHcESHA=";

  private HttpApiEvents(String method, String rawPath) {
    this.method = method;
    this.rawPath = rawPath;
  }

  public static HttpApiEvents request(String method, String rawPath) {
    return new HttpApiEvents(method, rawPath);
  }

  public static HttpApiEvents get(String rawPath) {
    return request("GET", rawPath);
  }

  public HttpApiEvents rawQuery(String value) {
    rawQuery = value;
    return this;
  }

  /** A header as API Gateway passes it; repeated headers arrive already joined with commas. */
  public HttpApiEvents header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public HttpApiEvents cookie(String nameAndValue) {
    cookies.add(nameAndValue);
    return this;
  }

  public HttpApiEvents body(String text) {
    body = text;
    base64 = false;
    return this;
  }

  public HttpApiEvents base64Body(byte[] bytes) {
    body = Base64.getEncoder().encodeToString(bytes);
    base64 = true;
    return this;
  }

  public HttpApiEvents sourceIp(String value) {
    sourceIp = value;
    return this;
  }

  public HttpApiEvents requestId(String value) {
    requestId = value;
    return this;
  }

  /** The event as JSON, with the field names of payload format 2.0, absent fields left out. */
  public String json() {
    try {
      return WITHOUT_NULLS.writeValueAsString(build());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public APIGatewayV2HTTPEvent build() {
    long now = System.currentTimeMillis();
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey("$default")
        .withRawPath(rawPath)
        .withRawQueryString(rawQuery)
        .withHeaders(new LinkedHashMap<>(headers))
        .withCookies(cookies.isEmpty() ? null : new ArrayList<>(cookies))
        .withBody(body)
        .withIsBase64Encoded(base64)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("123456789012")
                .withApiId("local")
                .withDomainName("local.execute-api.localhost")
                .withRequestId(requestId)
                .withRouteKey("$default")
                .withStage("$default")
                .withTimeEpoch(now)
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(method)
                        .withPath(rawPath)
                        .withProtocol("HTTP/1.1")
                        .withSourceIp(sourceIp)
                        .withUserAgent(headers.getOrDefault("user-agent", "test"))
                        .build())
                .build())
        .build();
  }
}
