package dev.retrievalgateway.contract;

import org.junit.jupiter.api.Tag;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * Runs the client contract suite (in {@code src/main/java}, so that other modules get it with its
 * dependencies) in this module's build. Without {@code -Dcontract.baseUrl} the target is a gateway
 * started in-process; {@code make contract BASE_URL=...} points it at a running one.
 */
@Suite
@SuiteDisplayName("Client contract")
@SelectPackages(ContractSuite.PACKAGE)
@IncludeClassNamePatterns(ContractSuite.CLASSES)
@Tag("claim:target-in-process")
class ContractSuiteTest {}
