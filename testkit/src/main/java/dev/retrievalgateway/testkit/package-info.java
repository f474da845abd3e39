/**
 * The test kit: what more than one test module needs, written once, so that a fix lands once.
 *
 * <ul>
 *   <li>{@link dev.retrievalgateway.testkit.RunningGateway}: a real gateway on a free loopback
 *       port, on this run's store; {@link dev.retrievalgateway.testkit.GatewayExtension}: one for a
 *       test class, with its clients and log capture; {@link
 *       dev.retrievalgateway.testkit.OpenSearchIndices}: a store's index prefix and its clean-up;
 *   <li>{@link dev.retrievalgateway.testkit.RawHttp}, {@link
 *       dev.retrievalgateway.testkit.RawRequest} and {@link
 *       dev.retrievalgateway.testkit.RawResponse}: the one raw HTTP/1.1 client, for what the JDK's
 *       client and REST Assured will not send as written; {@link
 *       dev.retrievalgateway.testkit.Http}: well-formed requests through the JDK's client;
 *   <li>{@link dev.retrievalgateway.testkit.Json}: request bodies out, response bodies in;
 *   <li>{@link dev.retrievalgateway.testkit.LogCapture}: what the JSON appender writes;
 *   <li>{@link dev.retrievalgateway.testkit.HttpApiEvents}: API Gateway payload-2.0 events;
 *   <li>{@code testkit.properties}: the generators and the invariants, each written once against
 *       the {@code Operations} seam, that the class-level and the HTTP-level properties share;
 *   <li>{@code testkit.jwt}: the test issuer and its JWKS endpoint;
 *   <li>{@link dev.retrievalgateway.testkit.ClaimRecorder}: each test's claim tags and outcome.
 * </ul>
 *
 * <p>Where the kit stands in the reactor, and why the service's tests are in a module of their own.
 * The starters and the property support use the service's classes, so the kit comes after the
 * service; every module whose tests report through {@code ClaimRecorder} comes after the kit. The
 * service's own tests use the kit too (they start gateways, capture logs, and run the class-level
 * properties, which share their invariants and generators with the HTTP-level ones), and inside the
 * service's build that would be a cycle Maven refuses whatever the scopes. So they live in {@code
 * service-tests}, after the kit: the service builds only what ships, and no module takes anything
 * from another's test tree (there is no test-jar). PIT runs there too, mutating the service's
 * classes across the module boundary ({@code crossModule}), against the same unit tests and
 * class-level properties as before. The alternatives each broke a rule: a starter in the service's
 * tests and another here would be two homes for one helper, and the service's test-jar carried its
 * whole test tree into four modules.
 */
package dev.retrievalgateway.testkit;
