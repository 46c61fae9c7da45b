-- A plan's rows are read by their plan: every plan page, and every status report measured against
-- the plan's milestones and budget. Without these indexes each read scanned the rows of every
-- plan: at 10,000 projects the report page fell from about 1,750 to 466 requests a second
-- (docs/benchmarks.md).
CREATE INDEX plan_milestones_plan ON plan_milestones (plan_id, position);
CREATE INDEX plan_budget_lines_plan ON plan_budget_lines (plan_id, position);
CREATE INDEX plan_risks_plan ON plan_risks (plan_id, position);
CREATE INDEX plan_benefits_plan ON plan_benefits (plan_id, position);
