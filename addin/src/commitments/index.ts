// What other features use of commitments: the list (fed by its own load or by a session's agenda) and the section.
export { CommitmentsList, CommitmentsSection, type CommitmentsListProps, type CommitmentsSectionProps } from './CommitmentsSection';
