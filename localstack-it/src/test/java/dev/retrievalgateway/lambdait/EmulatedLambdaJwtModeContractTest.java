package dev.retrievalgateway.lambdait;

import dev.retrievalgateway.contract.ContractSuite;
import dev.retrievalgateway.lambdait.testsupport.EmulatedContractTarget;
import org.junit.jupiter.api.Tag;
import org.junit.platform.suite.api.AfterSuite;
import org.junit.platform.suite.api.BeforeSuite;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * The client contract suite, unchanged, against the Lambda zip under emulation through the API
 * Gateway HTTP API front, in JWT mode, with tokens from the development issuer: each of the suite's
 * JWT tests is a test case of its own here (in header mode, at {@code ContractSuiteTest} and {@link
 * EmulatedLambdaHeaderModeContractTest}, they are skipped as JWT-only).
 */
@Suite
@SuiteDisplayName("Client contract, emulated Lambda, jwt mode")
@SelectPackages(ContractSuite.PACKAGE)
@IncludeClassNamePatterns(ContractSuite.CLASSES)
@Tag("claim:target-emulated-lambda")
class EmulatedLambdaJwtModeContractTest {
  private static EmulatedContractTarget target;

  @BeforeSuite
  static void startTheZipUnderEmulation() {
    target = EmulatedContractTarget.jwtMode("contract-jwt");
  }

  @AfterSuite
  static void stopIt() {
    if (target != null) {
      target.close();
    }
  }
}
