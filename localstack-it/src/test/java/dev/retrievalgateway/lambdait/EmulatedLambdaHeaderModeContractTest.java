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
 * Gateway HTTP API front, in header mode, with the opt-in only the local emulation may set.
 */
@Suite
@SuiteDisplayName("Client contract, emulated Lambda, header mode")
@SelectPackages(ContractSuite.PACKAGE)
@IncludeClassNamePatterns(ContractSuite.CLASSES)
@Tag("claim:target-emulated-lambda")
class EmulatedLambdaHeaderModeContractTest {
  private static EmulatedContractTarget target;

  @BeforeSuite
  static void startTheZipUnderEmulation() {
    target = EmulatedContractTarget.headerMode("contract-header");
  }

  @AfterSuite
  static void stopIt() {
    if (target != null) {
      target.close();
    }
  }
}
