package dev.retrievalgateway.contract.testsupport;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import com.atlassian.oai.validator.schema.SchemaValidator;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks every response the suite receives against the project's own OpenAPI document (the
 * service's {@code openapi.yaml}, copied into this module at build time: {@link
 * #PROJECT_DOCUMENT}), with Atlassian's swagger-request-validator. The document a target serves at
 * {@code GET /openapi} is not trusted for this: a target can serve a permissive, minimal or broken
 * one. Whether the served document agrees with the project's is one test of its own ({@code
 * EndpointsAcceptanceTest}). Responses to a path or method the document does not have (404, 405)
 * are checked against its {@code Error} schema.
 *
 * <p>Only responses are checked: the suite sends invalid requests on purpose. The library's own
 * {@code OpenApiValidationFilter} is not used because its failure text quotes values from the
 * response body, and the suite never prints a body; this filter reports message keys and JSON
 * pointers only.
 */
public final class OpenApiCheck implements Filter {
  /** The request matched no operation: the response can only be an error in the envelope. */
  private static final Set<String> NO_OPERATION =
      Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");

  private final OpenApiInteractionValidator validator;
  private final SchemaValidator schemas;
  private final Schema<?> errorSchema;

  /** The project's OpenAPI document, a classpath resource of this module. */
  public static final String PROJECT_DOCUMENT = "/dev/retrievalgateway/contract/openapi.yaml";

  private OpenApiCheck(String document, OpenAPI api, String basePath) {
    // The document's server has no path; a deployed stage (API Gateway's /dev) adds one.
    this.validator =
        OpenApiInteractionValidator.createForInlineApiSpecification(document)
            .withBasePathOverride(basePath.isEmpty() ? "/" : basePath)
            .build();
    this.schemas = new SchemaValidator(api, new MessageResolver());
    this.errorSchema = api.getComponents().getSchemas().get("Error");
    if (errorSchema == null) {
      throw new AssertionError("the OpenAPI document has no components.schemas.Error");
    }
  }

  /** The check against the project's document, for a target under {@code basePath}. */
  public static OpenApiCheck ofProjectDocument(String basePath) {
    return of(projectDocument(), basePath);
  }

  /** The project's OpenAPI document as text. */
  public static String projectDocument() {
    try (InputStream in = OpenApiCheck.class.getResourceAsStream(PROJECT_DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException(
            PROJECT_DOCUMENT + " is missing from the suite's classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a document; any parser message about it is a failure of the document. */
  static OpenApiCheck of(String document, String basePath) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
    List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
    if (result.getOpenAPI() == null || !messages.isEmpty()) {
      throw new AssertionError("the OpenAPI document does not parse cleanly: " + messages);
    }
    return new OpenApiCheck(document, result.getOpenAPI(), basePath);
  }

  @Override
  public Response filter(
      FilterableRequestSpecification request,
      FilterableResponseSpecification responseSpec,
      FilterContext context) {
    Response response = context.next(request, responseSpec);
    Request model = RestAssuredRequest.of(request);
    check(
        model.getPath(), model.getMethod(), RestAssuredResponse.of(response), response.asString());
    return response;
  }

  /** Checks a response the suite read itself (see {@link RawHttp}). */
  public void check(
      String path, String method, int status, Map<String, List<String>> headers, byte[] body) {
    SimpleResponse.Builder response = new SimpleResponse.Builder(status);
    headers.forEach(response::withHeader);
    String text = new String(body, StandardCharsets.UTF_8);
    if (body.length > 0) {
      response.withBody(text);
    }
    check(path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), response.build(), text);
  }

  private void check(
      String path,
      Request.Method method,
      com.atlassian.oai.validator.model.Response response,
      String body) {
    ValidationReport report = validator.validateResponse(path, method, response);
    boolean matchedNoOperation =
        report.getMessages().stream().anyMatch(m -> NO_OPERATION.contains(m.getKey()));
    if (matchedNoOperation) {
      report = schemas.validate(body, errorSchema, "response.body");
    }
    if (report.hasErrors()) {
      throw new AssertionError(
          "the response to "
              + method
              + " "
              + shorten(path)
              + " ("
              + response.getStatus()
              + ") disagrees with the OpenAPI document: "
              + describe(report));
    }
  }

  /** Keys and pointers only: a validator message can quote the response body. */
  private static String describe(ValidationReport report) {
    return report.getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .map(
            m ->
                m.getKey()
                    + m.getContext()
                        .flatMap(ValidationReport.MessageContext::getPointers)
                        .map(p -> " at '" + p.getInstance() + "'")
                        .orElse(""))
        .collect(Collectors.joining("; "));
  }

  private static String shorten(String path) {
    return path.length() <= 80 ? path : path.substring(0, 80) + "...(" + path.length() + " chars)";
  }
}
