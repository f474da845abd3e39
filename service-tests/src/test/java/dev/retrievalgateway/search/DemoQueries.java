package dev.retrievalgateway.search;

import java.util.List;

/** Queries whose words occur across the tenants and classifications of the demo corpus. */
final class DemoQueries {
  static final List<String> ACROSS_THE_DEMO_CORPUS =
      List.of(
          "quarterly revenue forecast",
          "merger plans",
          "security audit findings",
          "payroll",
          "onboarding guide for new employees",
          "incident postmortem outage",
          "vendor contracts",
          "product roadmap",
          "customer",
          "Acme Analytics Borealis Bank");

  private DemoQueries() {}
}
