package dev.retrievalgateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.elements.ClassesShouldConjunction;
import dev.retrievalgateway.identity.TenantScope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep tenant isolation safe by construction (ARCHITECTURE.md): a tenant reaches a
 * store or an index only as a {@link TenantScope}, and only identity code (plus the bootstrap that
 * seeds the demo corpus) can make one; nothing below {@code http} sees a request.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    // The service's own classes, from wherever they were built: the test kit on this class path
    // has packages under dev.retrievalgateway too, and its rules are not the service's.
    classes =
        new ClassFileImporter()
            .importUrl(Gateway.class.getProtectionDomain().getCodeSource().getLocation());
  }

  @Test
  @Tag("claim:tenant-isolation")
  void onlyIdentityAndTheBootstrapCreateTenantScopes() {
    ArchRule rule =
        noClasses()
            .that()
            .resideOutsideOfPackage("dev.retrievalgateway.identity..")
            .and()
            .doNotHaveFullyQualifiedName(Gateway.class.getName())
            .should()
            .callMethod(TenantScope.class, "of", String.class)
            .because("a tenant named in a request must pass identity before it scopes a store");

    rule.check(classes);
  }

  @Test
  void nothingBelowHttpSeesARequest() {
    ArchRule rule =
        noDependency(
                inTheDomainAnd("dev.retrievalgateway.config.."),
                "dev.retrievalgateway.http..",
                "io.helidon.webserver..",
                "io.helidon.http..")
            .because(
                "tenant, clearance and ids reach the domain as typed values, never as a request");

    rule.check(classes);
  }

  @Test
  void theDomainDoesNotDependOnTheEdges() {
    ArchRule rule =
        noDependency(
            inTheDomainAnd("dev.retrievalgateway.identity.."),
            "dev.retrievalgateway.lambda..",
            "dev.retrievalgateway.http..");

    rule.check(classes);
  }

  /** The packages of access, the corpus and search, and {@code other}. */
  private static String[] inTheDomainAnd(String other) {
    return new String[] {
      "dev.retrievalgateway.access..",
      "dev.retrievalgateway.corpus..",
      "dev.retrievalgateway.search..",
      other
    };
  }

  /** No class in the {@code from} packages depends on a class in the {@code on} packages. */
  private static ClassesShouldConjunction noDependency(String[] from, String... on) {
    return noClasses()
        .that()
        .resideInAnyPackage(from)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(on);
  }
}
