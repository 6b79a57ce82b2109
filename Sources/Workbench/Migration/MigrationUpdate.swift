import Changes
import Codemods

/// The walkthrough's part of the update: opening it, the plan and measurements coming in,
/// previews, the review of a step (the review's own UI and final apply), undo, and what the
/// review's results mean for the steps. Pure like the rest of the update: it changes
/// `state.migration` (and the main view's mode) and returns commands.
package enum MigrationUpdate {
    /// Applies a walkthrough message.
    static func apply(_ msg: MigrationMsg, _ state: inout WorkbenchState) -> [Command] {
        switch msg {
        case .planProgressed(let generation, let text):
            guard generation == state.migration.planGeneration else { return [] }
            state.migration.planPhase = state.migration.plan == nil ? .loading(text) : .measuring(text)
            return []
        case .planOutlined(let generation, let outline):
            guard generation == state.migration.planGeneration else { return [] }
            state.migration.plan = outline
            for index in state.migration.steps.indices {
                state.migration.steps[index].planned = outline.steps[state.migration.steps[index].name]
            }
            state.migration.planPhase = .measuring("type-checking the planned steps…")
            return []
        case .planStepMeasured(let generation, let step, let metrics):
            guard generation == state.migration.planGeneration, let index = state.migration.index(ofStep: step) else {
                return []
            }
            state.migration.steps[index].plannedMetrics = metrics
            return []
        case .ratchetCostMeasured(let generation, let step, let errors):
            guard generation == state.migration.planGeneration else { return [] }
            state.migration.ratchetCosts[step] = .some(errors)
            return []
        case .planFinished(let generation):
            guard generation == state.migration.planGeneration else { return [] }
            state.migration.planPhase = .loaded
            return []
        case .planFailed(let generation, let message):
            guard generation == state.migration.planGeneration else { return [] }
            state.migration.planPhase = .failed(message)
            return WorkbenchUpdate.notify(.error, "the migration plan failed: \(message)", &state)

        case .projectMeasured(let generation, let status):
            guard generation == state.migration.projectGeneration else { return [] }
            self.projectMeasured(status, &state)
            return []
        case .projectMeasureFailed(let generation, let message):
            guard generation == state.migration.projectGeneration else { return [] }
            state.migration.isMeasuring = false
            state.migration.message = "cannot measure the project: \(message)"
            return WorkbenchUpdate.notify(.error, "cannot measure the project: \(message)", &state)

        case .previewProgressed(let step, let token, let text):
            guard let index = self.previewing(step, token, state) else { return [] }
            state.migration.steps[index].activity = text
            return []
        case .previewed(let step, let token, let preview):
            guard let index = self.previewing(step, token, state) else { return [] }
            return self.previewed(preview, at: index, &state)
        case .previewMeasured(let step, let token, let metrics):
            guard let index = self.previewing(step, token, state) else { return [] }
            state.migration.steps[index].preview?.metricsAfter = metrics
            state.migration.steps[index].preview?.isMeasuring = false
            state.migration.steps[index].activity = nil
            state.migration.steps[index].previewToken = nil
            return []
        case .previewFailed(let step, let token, let message):
            guard let index = self.previewing(step, token, state) else { return [] }
            state.migration.steps[index].status = .failed(message)
            state.migration.steps[index].preview = nil
            state.migration.steps[index].activity = nil
            state.migration.steps[index].previewToken = nil
            if state.migration.reviewAfterPreview == step { state.migration.reviewAfterPreview = nil }
            return WorkbenchUpdate.notify(.error, "\(step): preview failed: \(message)", &state)
        case .undoRefused(let message):
            state.migration.message = message
            return WorkbenchUpdate.notify(.error, message, &state)

        case .typeRequestPrepared(let id, let messages):
            guard var request = state.migration.typeRequest, request.id == id, request.phase == .preparing else {
                return []
            }
            request.messages = messages
            state.migration.typeRequest = request
            return self.sendTypeRequest(&state)
        case .typeRequestFailed(let id, let message), .typeAnswerFailed(let id, let message):
            guard var request = state.migration.typeRequest, request.id == id, request.isRunning else { return [] }
            request.phase = .failed(message)
            state.migration.typeRequest = request
            return WorkbenchUpdate.notify(.error, "types for \(request.path): \(message)", &state)
        case .typeAnswerReceived(let id, let content):
            guard var request = state.migration.typeRequest, request.id == id, request.phase == .streaming else {
                return []
            }
            request.answer += content
            state.migration.typeRequest = request
            return []
        case .typeAnswerFinished(let id, let finishReason):
            guard var request = state.migration.typeRequest, request.id == id, request.phase == .streaming else {
                return []
            }
            request.phase = .reading
            request.finishReason = finishReason
            state.migration.typeRequest = request
            return [.migration(.readTypeAnswer(id: id, path: request.path, answer: request.answer))]
        case .typeAnswerRead(let id, let changeset):
            guard let request = state.migration.typeRequest, request.id == id, request.phase == .reading else {
                return []
            }
            return self.typeAnswerRead(changeset, &state)
        }
    }

    // MARK: - Opening and closing

    /// Opens the walkthrough in the main view (computing the plan and measuring the project the
    /// first time), or shows it again.
    package static func open(focus: Bool, _ state: inout WorkbenchState) -> [Command] {
        var commands: [Command] = []
        if !state.migration.isOpen {
            state.migration.isOpen = true
            commands += self.replan(&state) + self.measure(&state)
        }
        state.mainMode = .migration
        if focus { state.focus = WorkbenchLayout.main }
        let hints = [
            ("migrationPreview", "preview"), ("migrationReview", "review"), ("migrationUndo", "undo"),
            ("showHelp", "all keys"),
        ]
        .compactMap { action, label in
            state.keymap.hint(for: ActionID(action), in: [.migration, .global]).map { "\($0) \(label)" }
        }
        return commands
            + WorkbenchUpdate.notify(
                .info, "JavaScript → TypeScript walkthrough: " + hints.joined(separator: " · "), &state)
    }

    /// Hides the walkthrough (its state stays: the show action brings it back).
    static func close(_ state: inout WorkbenchState) -> [Command] {
        state.mainMode = state.viewer.path == nil ? .welcome : .file
        let key = state.keymap.hint(for: "showMigration", in: [.global]) ?? "the palette"
        return WorkbenchUpdate.notify(.info, "walkthrough hidden; \(key) shows it again", &state)
    }

    /// Computes the plan again (after changes made outside the walkthrough).
    static func replan(_ state: inout WorkbenchState) -> [Command] {
        state.migration.planGeneration += 1
        state.migration.planPhase = .loading("starting…")
        state.migration.plan = nil
        state.migration.ratchetCosts = [:]
        for index in state.migration.steps.indices {
            state.migration.steps[index].planned = nil
            state.migration.steps[index].plannedMetrics = nil
        }
        return [.migration(.loadPlan(generation: state.migration.planGeneration))]
    }

    /// Measures the project on disk again.
    static func measure(_ state: inout WorkbenchState) -> [Command] {
        state.migration.projectGeneration += 1
        state.migration.isMeasuring = true
        return [.migration(.measureProject(generation: state.migration.projectGeneration))]
    }

    private static func projectMeasured(_ status: MigrationProjectStatus, _ state: inout WorkbenchState) {
        state.migration.project = status
        state.migration.isMeasuring = status.isTypeChecking
        if state.migration.baseline == nil && !status.isTypeChecking { state.migration.baseline = status.metrics }
        state.migration.selectedFile = max(0, min(state.migration.selectedFile, status.files.count - 1))
        // The checkpoints say which steps are applied (also those applied by `--headless`, or
        // before a restart) and which were undone.
        for index in state.migration.steps.indices {
            let title = state.migration.steps[index].changesetTitle
            let status = state.migration.steps[index].status
            guard let latest = self.checkpoints(titled: title, state).last else {
                if case .applied = status { state.migration.steps[index].status = .notStarted }
                if case .undone = status { state.migration.steps[index].status = .notStarted }
                continue
            }
            if !latest.isUndone {
                state.migration.steps[index].status = .applied(checkpoint: latest.id)
            } else if status != .previewed {
                state.migration.steps[index].status = .undone(checkpoint: latest.id)
            }
        }
    }

    /// The checkpoints of the step titled `title` (applied through a review or headless).
    private static func checkpoints(titled title: String, _ state: WorkbenchState) -> [CheckpointSummary] {
        (state.migration.project?.checkpoints ?? []).filter { $0.title == title || $0.title.hasSuffix(": " + title) }
    }

    // MARK: - Selection

    /// Moves the selection in the active list by `delta` (clamped).
    static func move(_ delta: Int, _ state: inout WorkbenchState) -> [Command] {
        switch state.migration.section {
        case .steps:
            let count = state.migration.steps.count
            state.migration.selectedStep = max(0, min(state.migration.selectedStep.addingClamped(delta), count - 1))
        case .files:
            let count = state.migration.files.count
            state.migration.selectedFile = max(
                0, min(state.migration.selectedFile.addingClamped(delta), max(0, count - 1)))
        }
        return []
    }

    /// Makes `section` the list the selection keys move in.
    static func select(_ section: MigrationPaneState.Section, _ state: inout WorkbenchState) -> [Command] {
        state.migration.section = section
        return []
    }

    /// The selected step's index (clamped).
    static func selectedIndex(_ state: WorkbenchState) -> Int {
        max(0, min(state.migration.selectedStep, state.migration.steps.count - 1))
    }

    // MARK: - Steps

    /// Previews the selected step on the project as it is now.
    static func previewSelected(_ state: inout WorkbenchState) -> [Command] {
        self.preview(self.selectedIndex(state), &state)
    }

    /// Starts a preview of step `index` (off the main loop; progress comes back as messages).
    static func preview(_ index: Int, _ state: inout WorkbenchState) -> [Command] {
        guard state.migration.steps.indices.contains(index) else { return [] }
        let token = state.migration.nextPreviewToken
        state.migration.nextPreviewToken += 1
        state.migration.steps[index].previewToken = token
        state.migration.steps[index].activity = "waiting for the work queue…"
        state.migration.message = nil
        return [.migration(.preview(step: state.migration.steps[index].name, token: token))]
    }

    /// The index of `step` when `token` is its preview in flight.
    private static func previewing(_ step: String, _ token: Int, _ state: WorkbenchState) -> Int? {
        guard let index = state.migration.index(ofStep: step), state.migration.steps[index].previewToken == token else {
            return nil
        }
        return index
    }

    private static func previewed(_ preview: MigrationStepState.Preview, at index: Int, _ state: inout WorkbenchState)
        -> [Command]
    {
        var step = state.migration.steps[index]
        step.preview = preview
        step.activity = preview.isMeasuring ? "type-checking the result (tsc)…" : nil
        if !preview.isMeasuring { step.previewToken = nil }
        if !step.isApplied { step.status = .previewed }
        state.migration.steps[index] = step
        var commands: [Command] = []
        if state.migration.reviewAfterPreview == step.name {
            state.migration.reviewAfterPreview = nil
            if !preview.changes.isEmpty && state.mainMode == .migration {
                return self.openReview(index, &state)
            }
        }
        if preview.changes.isEmpty {
            commands += WorkbenchUpdate.notify(.info, "\(step.name): nothing to change, the step is up to date", &state)
        } else {
            let key = state.keymap.hint(for: "migrationReview", in: [.migration]) ?? "the palette"
            commands += WorkbenchUpdate.notify(
                .info, "\(step.name) previewed: \(preview.changes.line) · \(key) reviews it", &state)
        }
        return commands
    }

    /// Opens the selected step's changes in the review (previewing first when needed); shows
    /// its review again when one is open.
    static func reviewSelected(_ state: inout WorkbenchState) -> [Command] {
        let index = self.selectedIndex(state)
        let step = state.migration.steps[index]
        if let session = state.review.session, session.origin == .migrationStep(step.name) {
            state.migration.reviewOrigin = session.origin
            state.mainMode = .review
            return WorkbenchUpdate.focus(WorkbenchLayout.main, &state)
        }
        if let preview = step.preview {
            guard !preview.changes.isEmpty else {
                return WorkbenchUpdate.notify(.info, "\(step.name): nothing to change, nothing to review", &state)
            }
            return self.openReview(index, &state)
        }
        state.migration.reviewAfterPreview = step.name
        if step.previewToken != nil {
            return WorkbenchUpdate.notify(.info, "\(step.name): the review opens when the preview is ready", &state)
        }
        return self.preview(index, &state)
            + WorkbenchUpdate.notify(.info, "\(step.name): previewing; the review opens when it is ready", &state)
    }

    /// Opens step `index`'s previewed changeset in the review.
    private static func openReview(_ index: Int, _ state: inout WorkbenchState, acceptingAll: Bool = false) -> [Command]
    {
        guard let preview = state.migration.steps[index].preview else { return [] }
        var review = ChangeReview(preview.changeset)
        if acceptingAll { review.decideAll(.accepted) }
        let origin = ReviewSession.Origin.migrationStep(state.migration.steps[index].name)
        state.migration.reviewOrigin = origin
        return ReviewUpdate.open(review, origin: origin, focus: true, &state)
    }

    /// Applies the selected step's preview with every hunk accepted, through the review's final
    /// apply (one checkpoint).
    static func applySelected(_ state: inout WorkbenchState) -> [Command] {
        let index = self.selectedIndex(state)
        let step = state.migration.steps[index]
        if let checkpoint = step.appliedCheckpoint, step.preview?.changes.isEmpty ?? true {
            return WorkbenchUpdate.notify(.info, "\(step.name) is applied (checkpoint \(checkpoint))", &state)
        }
        guard let preview = step.preview else {
            let key = state.keymap.hint(for: "migrationPreview", in: [.migration]) ?? "the palette"
            return WorkbenchUpdate.notify(
                .warning, "\(step.name): preview it first (\(key)) to see what it changes", &state)
        }
        guard !preview.changes.isEmpty else {
            return WorkbenchUpdate.notify(.info, "\(step.name): nothing to change, nothing to apply", &state)
        }
        if let session = state.review.session, session.origin == .migrationStep(step.name) {
            guard session.isEditable else {
                return WorkbenchUpdate.notify(.info, "\(step.name) is being applied", &state)
            }
            if session.review.state != .pending {
                // The user's decisions in the open review stand: apply them.
                state.migration.reviewOrigin = session.origin
                state.mainMode = .review
                state.focus = WorkbenchLayout.main
                return ReviewUpdate.requestApply(&state)
            }
        }
        let commands = self.openReview(index, &state, acceptingAll: true)
        return commands + ReviewUpdate.requestApply(&state)
    }

    /// Undoes the selected step's checkpoint (only the latest change can be undone).
    static func undoSelected(_ state: inout WorkbenchState) -> [Command] {
        let step = state.migration.steps[self.selectedIndex(state)]
        guard let checkpoint = step.appliedCheckpoint else {
            var text = "\(step.name) is not applied: nothing to undo"
            if let latest = state.migration.latestAppliedIndex {
                text += " (the latest applied step is \(state.migration.steps[latest].name))"
            }
            return WorkbenchUpdate.notify(.info, text, &state)
        }
        return [.migration(.undoStep(checkpoint: checkpoint, step: step.name))]
    }

    /// Forgets previews computed before the project changed (all but `kept`'s).
    private static func invalidatePreviews(except kept: Int?, _ state: inout WorkbenchState) {
        for index in state.migration.steps.indices where index != kept {
            var step = state.migration.steps[index]
            step.preview = nil
            step.previewToken = nil
            step.activity = nil
            if step.status == .previewed { step.status = .notStarted }
            if case .failed = step.status { step.status = .notStarted }
            state.migration.steps[index] = step
        }
        state.migration.reviewAfterPreview = nil
    }

    // MARK: - What the review did

    /// Follows a review message (after the review handled it): a step applied, undone or
    /// redone changes the walkthrough, and any write makes previews stale.
    static func reviewChanged(_ msg: ReviewMsg, _ state: inout WorkbenchState) -> [Command] {
        guard state.migration.isOpen else { return [] }
        switch msg {
        case .applied(let checkpoint):
            guard let session = state.review.session, case .applied = session.phase else { return [] }
            switch session.origin {
            case .migrationStep(let name):
                guard let index = state.migration.index(ofStep: name) else { return [] }
                state.migration.steps[index].status = .applied(checkpoint: checkpoint)
                state.migration.steps[index].activity = nil
                state.migration.steps[index].previewToken = nil
                self.invalidatePreviews(except: index, &state)
                state.mainMode = .migration
                state.focus = WorkbenchLayout.main
                var text = "\(name) applied as checkpoint \(checkpoint)"
                if let next = state.migration.nextStepIndex {
                    state.migration.selectedStep = next
                    state.migration.section = .steps
                    text += " · next: \(state.migration.steps[next].name)"
                }
                let undo = state.keymap.hint(for: "migrationUndo", in: [.migration]) ?? "the palette"
                return self.measure(&state) + WorkbenchUpdate.notify(.info, text + " · \(undo) undoes it", &state)
            case .typeProposal(let path):
                self.invalidatePreviews(except: nil, &state)
                state.mainMode = .migration
                return self.measure(&state)
                    + WorkbenchUpdate.notify(
                        .info, "the model's types for \(path) applied as checkpoint \(checkpoint)", &state)
            default:
                self.invalidatePreviews(except: nil, &state)
                return self.measure(&state)
            }
        case .checkpointUndone(let summary):
            let index = state.migration.steps.firstIndex { $0.appliedCheckpoint == summary.id }
            if let index { state.migration.steps[index].status = .undone(checkpoint: summary.id) }
            self.invalidatePreviews(except: index, &state)
            guard let index else { return self.measure(&state) }
            let name = state.migration.steps[index].name
            if state.mainMode == .review, state.review.session?.origin == .migrationStep(name) {
                state.mainMode = .migration
            }
            return self.measure(&state)
                + WorkbenchUpdate.notify(
                    .info, "\(name) undone (checkpoint \(summary.id)): the files are as before the step", &state)
        case .checkpointRedone(let summary):
            let index = state.migration.steps.firstIndex { $0.status == .undone(checkpoint: summary.id) }
            if let index { state.migration.steps[index].status = .applied(checkpoint: summary.id) }
            self.invalidatePreviews(except: index, &state)
            return self.measure(&state)
        default:
            return []
        }
    }

    /// After every update: when the review the walkthrough opened was closed, the main view
    /// comes back to the walkthrough.
    static func afterUpdate(_ state: inout WorkbenchState) -> [Command] {
        guard state.migration.isOpen, let origin = state.migration.reviewOrigin else { return [] }
        guard state.review.session?.origin != origin else { return [] }
        state.migration.reviewOrigin = nil
        if state.mainMode != .review { state.mainMode = .migration }
        return []
    }

    // MARK: - Types from the model

    /// Asks the engine to propose types for the selected file.
    static func askTypes(_ state: inout WorkbenchState) -> [Command] {
        guard let path = state.migration.selectedFilePath else {
            return WorkbenchUpdate.notify(.warning, "no source file is selected", &state)
        }
        if let request = state.migration.typeRequest, request.isRunning {
            let key = state.keymap.hint(for: "migrationCancel", in: [.migration]) ?? "the palette"
            return WorkbenchUpdate.notify(
                .info, "types for \(request.path) are still being asked for (\(key) stops)", &state)
        }
        let id = state.migration.nextTypeRequestID
        state.migration.nextTypeRequestID += 1
        state.migration.typeRequest = MigrationTypeRequest(id: id, path: path)
        return [.migration(.prepareTypeRequest(id: id, path: path))]
            + WorkbenchUpdate.notify(.info, "asking the model for types in \(path)…", &state)
    }

    /// Sends the prepared request, connecting the engine first when needed.
    private static func sendTypeRequest(_ state: inout WorkbenchState) -> [Command] {
        guard var request = state.migration.typeRequest else { return [] }
        switch state.engine {
        case .ready:
            request.phase = .streaming
            state.migration.typeRequest = request
            return [
                .migration(
                    .streamTypeAnswer(
                        id: request.id, messages: request.messages, maxTokens: state.settings.maxAnswerTokens,
                        temperature: state.settings.temperature))
            ]
        case .connecting:
            request.phase = .waitingForEngine
            state.migration.typeRequest = request
            return []
        case .idle, .failed:
            request.phase = .waitingForEngine
            state.migration.typeRequest = request
            state.engine = .connecting("connecting to the engine…")
            return [.connectEngine]
        }
    }

    /// The engine answers now: send a request that waited for it.
    static func engineConnected(_ state: inout WorkbenchState) -> [Command] {
        guard state.migration.typeRequest?.phase == .waitingForEngine else { return [] }
        return self.sendTypeRequest(&state)
    }

    /// The engine could not be reached: a waiting request fails with the reason.
    static func engineFailed(_ message: String, _ state: inout WorkbenchState) -> [Command] {
        guard var request = state.migration.typeRequest, request.phase == .waitingForEngine else { return [] }
        request.phase = .failed("the engine could not be reached: \(message)")
        state.migration.typeRequest = request
        return []
    }

    /// Stops the type request in flight.
    static func cancel(_ state: inout WorkbenchState) -> [Command] {
        guard var request = state.migration.typeRequest, request.isRunning else {
            return WorkbenchUpdate.cancel(&state)
        }
        let streaming = request.phase == .streaming
        request.phase = .cancelled
        state.migration.typeRequest = request
        return (streaming ? [.migration(.cancelTypeAnswer(id: request.id))] : [])
            + WorkbenchUpdate.notify(.info, "stopped asking for types in \(request.path)", &state)
    }

    private static func typeAnswerRead(_ changeset: Changeset, _ state: inout WorkbenchState) -> [Command] {
        guard var request = state.migration.typeRequest else { return [] }
        guard !changeset.files.isEmpty else {
            var text = "no edits were found in the model's answer"
            let characters = request.answer.count
            text +=
                characters == 0
                ? " (it was empty)" : " (\(characters) characters of text, no SEARCH/REPLACE block for \(request.path))"
            if let problem = changeset.diagnostics.first { text += "; \(problem.message)" }
            if request.finishReason == "length" { text += "; it stopped at the token limit" }
            if state.engine.info?.isBundledDemo == true { text += "; the bundled demo model answers gibberish" }
            text += ": nothing to review"
            request.phase = .noEdits(text)
            state.migration.typeRequest = request
            return WorkbenchUpdate.notify(.warning, "types for \(request.path): \(text)", &state)
        }
        request.phase = .opened(files: changeset.files.count)
        state.migration.typeRequest = request
        let origin = ReviewSession.Origin.typeProposal(path: request.path)
        state.migration.reviewOrigin = origin
        return ReviewUpdate.open(ChangeReview(changeset), origin: origin, focus: true, &state)
    }
}
