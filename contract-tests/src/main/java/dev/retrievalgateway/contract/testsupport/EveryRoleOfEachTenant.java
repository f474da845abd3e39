package dev.retrievalgateway.contract.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A test once for every role in each of the run's two tenants: its first parameters are the
 * tenant's side ({@code "a"} or {@code "b"}, see {@link ContractTarget#tenant}) and the role, and
 * each case is named by both.
 *
 * <pre>{@code
 * @EveryRoleOfEachTenant
 * void describesThePrincipal(String side, Role role, Api api) {
 *   Principal principal = api.principal("endpoints", api.target().tenant(side), role);
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "tenant {0}, {1}")
@CsvSource({"a,INTERN", "a,ANALYST", "a,ADMIN", "b,INTERN", "b,ANALYST", "b,ADMIN"})
public @interface EveryRoleOfEachTenant {}
