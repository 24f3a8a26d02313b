// What other features use of goals: the list (fed by its own load or by a session's agenda) and the section.
export { GoalsList, GoalsSection, type GoalsListProps, type GoalsSectionProps } from './GoalsSection';
