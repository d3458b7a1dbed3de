// Sign-off (docs/product.md, "Review routes"): the head of department signs every proposal; the head
// of school as well when the case needs a referral or review that carries risk, commits the
// institution as a whole, or is worth at least the school threshold.
import type { Answers } from "../domain/questions";
import { isYes, pounds, said } from "./facts";
import type { PreparedReference } from "./prepare";
import { sources } from "./sources";
import type { Reason, Route, SchoolSignOffRuleId, SignOff } from "./types";

export function signOffFor(answers: Answers, routes: readonly Route[], ref: PreparedReference): SignOff {
  const reasons: Reason<SchoolSignOffRuleId>[] = [];
  const head = "so the head of school must sign it off.";

  if (routes.some((route) => route.route === "acbela")) {
    reasons.push({
      rule: "sign_off.school.acbela_route",
      text: `The case is routed to ${ref.committeeName}, ${head}`,
      source: sources.schoolChecklist,
    });
  }
  if (routes.some((route) => route.route === "export_control")) {
    reasons.push({
      rule: "sign_off.school.export_control_route",
      text: `The case needs an export control review, ${head}`,
      source: sources.schoolChecklist,
    });
  }
  if (answers.engagementType === "mou" || answers.engagementType === "joint_degree") {
    reasons.push({
      rule: "sign_off.school.institution_wide",
      text: `${answers.engagementType === "mou" ? "A memorandum of understanding" : "A joint degree"} commits the University as a whole, ${head}`,
      source: sources.schoolChecklist,
    });
  }
  if (isYes(answers.overseasActivity)) {
    reasons.push({
      rule: "sign_off.school.overseas_activity",
      text: `${said(answers.overseasActivity, "the University will have activity overseas (Financial Regulations s.24)")}, ${head}`,
      source: sources.schoolChecklistOverseas,
    });
  }
  if (answers.valueGbp >= ref.schoolThresholdGbp) {
    reasons.push({
      rule: "sign_off.school.value_threshold",
      text: `The total value, ${pounds(answers.valueGbp)}, is at or above the school sign-off threshold of ${pounds(ref.schoolThresholdGbp)}, ${head}`,
      source: sources.schoolChecklist,
    });
  }

  return { department: true, school: reasons.length > 0, schoolReasons: reasons };
}
