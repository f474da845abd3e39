/**
 * The test kit: what more than one test module needs, written once, so that a fix lands once.
 *
 * <ul>
 *   <li>{@link dev.retrievalgateway.testkit.RawHttp}, {@link
 *       dev.retrievalgateway.testkit.RawRequest} and {@link
 *       dev.retrievalgateway.testkit.RawResponse}: the one raw HTTP/1.1 client, for what the JDK's
 *       client and REST Assured will not send as written;
 *   <li>{@link dev.retrievalgateway.testkit.Json}: request bodies out, response bodies in;
 *   <li>{@link dev.retrievalgateway.testkit.LogCapture}: what the JSON appender writes;
 *   <li>{@link dev.retrievalgateway.testkit.HttpApiEvents}: API Gateway payload-2.0 events;
 *   <li>{@link dev.retrievalgateway.testkit.ClaimRecorder}: each test's claim tags and outcome.
 * </ul>
 *
 * <p>Why {@code RunningGateway} is not here. The kit comes first in the reactor because every
 * module's tests report through {@code ClaimRecorder}, the service's included, and the service's
 * own tests use the raw client, the log capture and the event builder. A class that starts the
 * gateway needs the service's main classes, so it would make the kit depend on the service while
 * the service's tests depend on the kit: a cycle Maven refuses whatever the scopes. The service's
 * tests need it typed ({@code RunningGateway.config(...)} returns the service's {@code
 * GatewayConfig}), so it stays, once, in the service's test tree, beside {@code OpenSearchIndices}
 * and the class-level properties that PIT mutates against; the modules that start a gateway in
 * their own JVM take it from the service's test-jar, which holds nothing the kit holds.
 */
package dev.retrievalgateway.testkit;
