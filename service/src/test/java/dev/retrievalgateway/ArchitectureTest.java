package dev.retrievalgateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
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
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.retrievalgateway");
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
        noClasses()
            .that()
            .resideInAnyPackage(
                "dev.retrievalgateway.access..",
                "dev.retrievalgateway.corpus..",
                "dev.retrievalgateway.search..",
                "dev.retrievalgateway.config..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.retrievalgateway.http..", "io.helidon.webserver..", "io.helidon.http..")
            .because(
                "tenant, clearance and ids reach the domain as typed values, never as a request");

    rule.check(classes);
  }

  @Test
  void theDomainDoesNotDependOnTheEdges() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage(
                "dev.retrievalgateway.access..",
                "dev.retrievalgateway.corpus..",
                "dev.retrievalgateway.search..",
                "dev.retrievalgateway.identity..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.retrievalgateway.lambda..", "dev.retrievalgateway.http..");

    rule.check(classes);
  }
}
