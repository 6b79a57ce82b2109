/// The plan without its type checks (those arrive one by one afterwards): the files leaves
/// first, import cycles, what was left out, and what each standard step would change when run
/// on the result of the one before.
package struct MigrationPlanOutline: Sendable, Equatable {
    /// Sources, each after the files it imports.
    package var fileOrder: [String]
    /// Import cycles (their files stay CommonJS).
    package var cycles: [[String]]
    /// Files left out of the project, with the reason.
    package var skipped: [String: String]
    /// Each standard step's projected changes, by step name.
    package var steps: [String: MigrationChangeSummary]

    package init(
        fileOrder: [String], cycles: [[String]], skipped: [String: String], steps: [String: MigrationChangeSummary]
    ) {
        self.fileOrder = fileOrder
        self.cycles = cycles
        self.skipped = skipped
        self.steps = steps
    }
}
