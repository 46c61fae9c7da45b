DROP INDEX plan_benefits_plan;
DROP INDEX plan_risks_plan;
DROP INDEX plan_budget_lines_plan;
DROP INDEX plan_milestones_plan;
