package dev.retrievalgateway.contract.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * REST Assured requests to the target, as anonymous or as a {@link Principal}, with every response
 * checked against the project's OpenAPI document ({@link OpenApiCheck}) and every error against
 * what the contract asks of all errors ({@link ErrorHygiene}).
 *
 * <pre>{@code
 * api.as(target.principal("docs", target.tenantA(), Role.INTERN))
 *     .get("/whoami")
 *     .then().statusCode(200);
 * }</pre>
 */
public final class Api {
  private final ContractTarget target;
  private final URI base;
  private final OpenApiCheck openApi;
  private final RequestSpecification spec;

  Api(ContractTarget target, URI base, OpenApiCheck openApi) {
    this.target = target;
    this.base = base;
    this.openApi = openApi;
    URI root = URI.create(base.getScheme() + "://" + base.getRawAuthority());
    this.spec =
        new RequestSpecBuilder()
            .setBaseUri(root)
            .setBasePath(base.getRawPath() == null ? "" : base.getRawPath())
            .setConfig(
                RestAssuredConfig.config()
                    // Bodies go out exactly as the test wrote them: no charset appended to the
                    // Content-Type, no redirect followed.
                    .encoderConfig(
                        EncoderConfig.encoderConfig()
                            .appendDefaultContentCharsetToContentTypeIfUndefined(false))
                    .redirect(RedirectConfig.redirectConfig().followRedirects(false)))
            .addFilter(openApi)
            .addFilter(ErrorHygiene.filter())
            .build();
  }

  public ContractTarget target() {
    return target;
  }

  /** A request with no identity at all. */
  public RequestSpecification anonymous() {
    return given().spec(spec);
  }

  /** A request that presents {@code principal} the target's way (headers or a bearer token). */
  public RequestSpecification as(Principal principal) {
    return anonymous().headers(target.credentials().headers(principal));
  }

  /**
   * {@code POST path} as {@code principal}, with {@code json} as an {@code application/json} body.
   */
  public Response postJson(Principal principal, String path, byte[] json) {
    return as(principal).contentType("application/json").body(json).post(path);
  }

  /** {@code POST path} with no identity, with {@code json} as an {@code application/json} body. */
  public Response postJson(String path, byte[] json) {
    return anonymous().contentType("application/json").body(json).post(path);
  }

  /** The headers that present {@code principal} and declare a JSON body, for a {@link #raw} one. */
  public Map<String, String> jsonHeaders(Principal principal) {
    Map<String, String> headers = new LinkedHashMap<>(target.credentials().headers(principal));
    headers.put("Content-Type", "application/json");
    return headers;
  }

  /** Requests written byte by byte, for what a client library would normalise. */
  public RawHttp raw() {
    return new RawHttp(base, openApi);
  }

  /** The same API on the target with low limits; empty where the target has none. */
  public java.util.Optional<Api> limited() {
    return target.limits().map(l -> new Api(target, l.baseUri(), openApi));
  }

  /** Documents written through this API, deleted when the corpus is closed. */
  public Corpus corpus() {
    return new Corpus(this);
  }

  /** A principal of this run, see {@link ContractTarget#principal}. */
  public Principal principal(String label, String tenant, Role role) {
    return target.principal(label, tenant, role);
  }
}
