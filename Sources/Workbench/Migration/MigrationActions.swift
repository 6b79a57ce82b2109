/// The walkthrough's named actions, bound in the `[migration]` context of the keymaps (the main
/// view while it shows the walkthrough), and the global action that opens it.
package enum MigrationActions {
    package static let descriptors: [ActionDescriptor] = {
        typealias M = MigrationUpdate
        let contexts: [KeyContext] = [.migration]
        let notShown: @Sendable (WorkbenchState) -> String? = { state in
            state.migration.isOpen && state.mainMode == .migration ? nil : "the walkthrough is not shown"
        }
        func action(
            _ id: ActionID, _ title: String, disabledReason: @escaping @Sendable (WorkbenchState) -> String? = notShown,
            _ body: @escaping @Sendable (inout WorkbenchState) -> [Command]
        ) -> ActionDescriptor {
            ActionDescriptor(
                id, title, category: "Migration", contexts: contexts, disabledReason: disabledReason, perform: body)
        }
        let busyStep: @Sendable (WorkbenchState) -> String? = { state in
            if let reason = notShown(state) { return reason }
            let step = state.migration.steps[M.selectedIndex(state)]
            return step.previewToken != nil ? "\(step.name) is being previewed" : nil
        }
        return [
            ActionDescriptor(
                "showMigration", "JavaScript → TypeScript: the migration walkthrough", category: "Migration",
                contexts: [.global]
            ) { M.open(focus: true, &$0) },
            action("migrationNext", "Select the next step (or file)") { M.move(1, &$0) },
            action("migrationPrevious", "Select the previous step (or file)") { M.move(-1, &$0) },
            action("migrationSelectSteps", "Move the selection in the steps") { M.select(.steps, &$0) },
            action("migrationSelectFiles", "Move the selection in the files (for the model's types)") {
                M.select(.files, &$0)
            },
            action("migrationPreview", "Preview the step on the project as it is now", disabledReason: busyStep) {
                M.previewSelected(&$0)
            },
            action("migrationReview", "Review the step's changes hunk by hunk") { M.reviewSelected(&$0) },
            action("migrationApply", "Apply the step with every hunk accepted (a checkpoint)", disabledReason: busyStep)
            {
                M.applySelected(&$0)
            },
            action("migrationUndo", "Undo the step (its checkpoint)") { M.undoSelected(&$0) },
            action("migrationAskTypes", "Ask the model for types in the selected file") { M.askTypes(&$0) },
            action("migrationCancel", "Stop asking the model (else cancel)", disabledReason: { _ in nil }) {
                M.cancel(&$0)
            },
            action("migrationReplan", "Compute the plan again") { state in
                M.replan(&state) + M.measure(&state)
            },
            action("migrationClose", "Hide the walkthrough") { M.close(&$0) },
        ]
    }()
}
