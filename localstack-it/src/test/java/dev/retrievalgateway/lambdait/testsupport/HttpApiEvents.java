package dev.retrievalgateway.lambdait.testsupport;

/**
 * Payload 2.0 events as JSON, as API Gateway's HTTP API sends them: what a test hands the Invoke
 * API (the AWS SDK, the AWS CLI, LocalStack) in place of the API front.
 */
public final class HttpApiEvents {
  private HttpApiEvents() {}

  /** {@code GET path} with the given headers (lower-case names, values without quotes). */
  public static String get(String path, String... headerNamesAndValues) {
    StringBuilder headers = new StringBuilder("{");
    for (int i = 0; i < headerNamesAndValues.length; i += 2) {
      if (i > 0) {
        headers.append(',');
      }
      headers
          .append('"')
          .append(headerNamesAndValues[i])
          .append("\":\"")
          .append(headerNamesAndValues[i + 1])
          .append('"');
    }
    headers.append('}');
    long now = System.currentTimeMillis();
    return """
        {"version":"2.0","routeKey":"$default","rawPath":"%s","rawQueryString":"",\
        "headers":%s,\
        "requestContext":{"accountId":"123456789012","apiId":"local","requestId":"it-%d",\
        "routeKey":"$default","stage":"$default","timeEpoch":%d,\
        "http":{"method":"GET","path":"%s","protocol":"HTTP/1.1","sourceIp":"198.51.100.7",\
        "userAgent":"localstack-it"}},\
        "isBase64Encoded":false}"""
        .formatted(path, headers, now, now, path);
  }
}
