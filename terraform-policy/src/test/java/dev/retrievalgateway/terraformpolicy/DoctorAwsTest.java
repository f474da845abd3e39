package dev.retrievalgateway.terraformpolicy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/doctor-aws through the AWS CLI: a user identity from moto_server is accepted; the account
 * root, which moto never returns, comes from a WireMock stub of STS and is refused.
 */
class DoctorAwsTest {

  @RegisterExtension static final MotoServer moto = new MotoServer();
  private WireMockServer sts;

  @TempDir Path scratch;

  @BeforeEach
  void startStubSts() {
    sts = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    sts.start();
  }

  @AfterEach
  void stopStubSts() {
    sts.stop();
  }

  private Map<String, String> env(String endpoint) {
    Map<String, String> env = Scripts.awsEnv(scratch);
    env.put("AWS_REGION", "eu-west-1");
    env.put("ENV_PREFIX", "rg-test");
    env.put("AWS_ENDPOINT_URL", endpoint);
    return env;
  }

  private void stubCallerIdentity(int status, String body) {
    sts.stubFor(
        post(urlEqualTo("/"))
            .withRequestBody(containing("Action=GetCallerIdentity"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(body)));
  }

  private static String identity(String arn, String account) {
    return "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
        + "<GetCallerIdentityResult><Arn>"
        + arn
        + "</Arn><UserId>"
        + account
        + "</UserId>"
        + "<Account>"
        + account
        + "</Account></GetCallerIdentityResult>"
        + "<ResponseMetadata><RequestId>c0ffee00-0000-4000-8000-000000000000</RequestId></ResponseMetadata>"
        + "</GetCallerIdentityResponse>";
  }

  private static void assertOneLine(Scripts.Result r) {
    assertEquals(1, r.stderr().strip().lines().count(), "one clear line on stderr:\n" + r);
  }

  @Test
  @DisplayName(
      "accepts a user identity (moto_server) and shows identity, account, region and prefix")
  void acceptsUserIdentityFromMoto() {
    Scripts.assumeTool("aws");
    Scripts.assumeTool("moto_server");
    Scripts.Result r = Scripts.script("doctor-aws", env(moto.endpoint()));
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.stdout().contains("identity  arn:aws:sts::123456789012:user/moto"), r.toString());
    assertTrue(r.stdout().contains("account   123456789012"), r.toString());
    assertTrue(r.stdout().contains("region    eu-west-1 (from AWS_REGION)"), r.toString());
    assertTrue(r.stdout().contains("prefix    rg-test"), r.toString());
    assertTrue(r.stdout().strip().endsWith("doctor-aws: ok"), r.toString());
  }

  @Test
  @DisplayName("refuses the account root (stub STS) with one line and a non-zero exit")
  void refusesRoot() {
    Scripts.assumeTool("aws");
    stubCallerIdentity(200, identity("arn:aws:iam::123456789012:root", "123456789012"));
    Scripts.Result r = Scripts.script("doctor-aws", env(sts.baseUrl()));
    sts.verify(moreThanOrExactly(1), postRequestedFor(urlEqualTo("/")));
    assertEquals(3, r.exit(), r.toString());
    assertOneLine(r);
    assertTrue(r.stderr().contains("refusing") && r.stderr().contains("root"), r.toString());
    assertFalse(r.stdout().contains("ok"), r.toString());
  }

  @Test
  @DisplayName("accepts an assumed role: only the root ARN is refused")
  void acceptsAssumedRole() {
    Scripts.assumeTool("aws");
    stubCallerIdentity(
        200, identity("arn:aws:sts::123456789012:assumed-role/root/operator", "123456789012"));
    Scripts.Result r = Scripts.script("doctor-aws", env(sts.baseUrl()));
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.stdout().contains("assumed-role/root/operator"), r.toString());
  }

  @Test
  @DisplayName("refuses when no region is set, before calling AWS")
  void refusesWithoutRegion() {
    Scripts.assumeTool("aws");
    Map<String, String> env = env(sts.baseUrl());
    env.remove("AWS_REGION");
    Scripts.Result r = Scripts.script("doctor-aws", env);
    assertEquals(2, r.exit(), r.toString());
    assertOneLine(r);
    assertTrue(r.stderr().contains("no AWS region set"), r.toString());
    assertEquals(0, sts.getAllServeEvents().size(), "no AWS call without a region");
  }

  @Test
  @DisplayName("says so in one line when the credentials are rejected")
  void rejectsBadCredentials() {
    Scripts.assumeTool("aws");
    stubCallerIdentity(
        403,
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
            + "<Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the"
            + " request is invalid.</Message></Error><RequestId>x</RequestId></ErrorResponse>");
    Scripts.Result r = Scripts.script("doctor-aws", env(sts.baseUrl()));
    assertEquals(1, r.exit(), r.toString());
    assertOneLine(r);
    assertTrue(
        r.stderr().contains("no usable AWS credentials")
            && r.stderr().contains("InvalidClientTokenId"),
        r.toString());
    assertFalse(r.all().contains("testing"), "the (dummy) secret key must never be printed");
  }

  @Test
  @DisplayName("refuses an environment prefix Terraform would refuse")
  void refusesBadPrefix() {
    Scripts.assumeTool("aws");
    Map<String, String> env = env(sts.baseUrl());
    env.put("ENV_PREFIX", "Prod_1");
    Scripts.Result r = Scripts.script("doctor-aws", env);
    assertEquals(2, r.exit(), r.toString());
    assertOneLine(r);
  }
}
