import Codemods
import TerminalKit

/// Draws the walkthrough in the main view: the project's metrics now, the plan's state, a table
/// of the steps (status and the metrics each leads to: files still JavaScript, tsc errors, any,
/// @ts-expect-error, @ts-ignore, and what changes), the selected step in detail, and the files
/// leaves first with the model's help with types. Side by side when wide, one below the table
/// at a time (by the selected list) when narrow.
package enum MigrationView {
    /// The narrowest main view that shows the step detail and the files side by side.
    package static let sideBySideWidth = 110
    /// The narrowest main view that gets the wide table (longer change lines, line counts).
    package static let wideTableWidth = 100

    /// The main pane's title.
    package static func title(_ state: WorkbenchState) -> String {
        "Migration · JavaScript → TypeScript"
    }

    /// Key hints in the main pane's bottom edge.
    package static func footer(_ state: WorkbenchState) -> [Span] {
        KeyHints.spans(
            [
                ("migrationPreview", "preview"), ("migrationReview", "review"), ("migrationApply", "apply"),
                ("migrationUndo", "undo"), ("migrationAskTypes", "types"),
            ], in: [.migration, .global], state)
    }

    /// Draws the walkthrough into the main pane's `content`.
    package static func render(
        _ state: WorkbenchState, theme: Theme, content: Rect, focused: Bool, canvas: inout Canvas
    ) {
        guard !content.isEmpty else { return }
        let migration = state.migration
        var rows: [[Span]] = []
        let compact = content.width < self.wideTableWidth
        rows.append(self.nowLine(migration, theme: theme, compact: compact))
        rows.append(self.planLine(migration, theme: theme))
        if let message = migration.message {
            rows.append([Span(message, theme.style(ThemeScope.error))])
        }
        rows.append([])
        rows.append([Span(self.tableHeader(compact: compact), theme.style(ThemeScope.dim))])
        for index in migration.steps.indices {
            rows.append(self.stepRow(index, state: state, theme: theme, compact: compact))
        }
        let legend =
            compact
            ? "exp: @ts-expect-error · ign: @ts-ignore · dim: as planned"
            : "js: files still JavaScript · tsc: tsc --noEmit errors · exp/ign: @ts-expect-error/@ts-ignore · dim: as planned"
        rows.append([Span(legend, theme.style(ThemeScope.dim))])
        rows.append([])
        var y = content.y
        for (offset, row) in rows.enumerated() where offset < content.height {
            let point = Point(x: content.x, y: content.y + offset)
            if offset == 4 + (migration.message == nil ? 0 : 1) + self.selectedIndex(state)
                && migration.section == .steps
            {
                let selection = theme.style(focused ? ThemeScope.selection : ThemeScope.selectionUnfocused)
                canvas.fill(Rect(x: content.x, y: point.y, width: content.width, height: 1), style: selection)
                canvas.write(row, at: point, base: selection, maxWidth: content.width)
            } else {
                canvas.write(row, at: point, maxWidth: content.width)
            }
            y = point.y + 1
        }
        let rest = Rect(x: content.x, y: y, width: content.width, height: max(0, content.maxY - y))
        guard !rest.isEmpty else { return }
        if content.width >= self.sideBySideWidth {
            let filesWidth = min(56, content.width * 2 / 5)
            let detail = Rect(x: rest.x, y: rest.y, width: rest.width - filesWidth - 1, height: rest.height)
            let files = Rect(x: rest.maxX - filesWidth, y: rest.y, width: filesWidth, height: rest.height)
            for row in 0..<rest.height {
                canvas.write("│", at: Point(x: files.x - 1, y: rest.y + row), style: theme.style(ThemeScope.border))
            }
            self.renderDetail(state, theme: theme, area: detail, canvas: &canvas)
            self.renderFiles(state, theme: theme, area: files, focused: focused, canvas: &canvas)
        } else if migration.section == .files {
            self.renderFiles(state, theme: theme, area: rest, focused: focused, canvas: &canvas)
        } else {
            self.renderDetail(state, theme: theme, area: rest, canvas: &canvas)
        }
    }

    private static func selectedIndex(_ state: WorkbenchState) -> Int {
        MigrationUpdate.selectedIndex(state)
    }

    // MARK: - Header

    /// `Now: js 3 · ts 0 · lines 42 · tsc errors – · any 0 · …`, and the compiler.
    private static func nowLine(_ migration: MigrationPaneState, theme: Theme, compact: Bool) -> [Span] {
        let heading = theme.style(ThemeScope.memoryHeading)
        let dim = theme.style(ThemeScope.dim)
        guard let project = migration.project else {
            return [
                Span("Now ", heading), Span(migration.isMeasuring ? "measuring the project…" : "not measured", dim),
            ]
        }
        let metrics = project.metrics
        var spans = [Span("Now ", heading)]
        let lines = compact ? "" : "lines \(Format.thousands(metrics.lines)) · "
        spans.append(Span("js \(metrics.javaScriptFiles) · ts \(metrics.typeScriptFiles) · " + lines, .plain))
        let errors = metrics.tscErrors.map(String.init) ?? (project.isTypeChecking ? "…" : "–")
        let errorStyle = (metrics.tscErrors ?? 0) > 0 ? theme.style(ThemeScope.warning) : Style.plain
        spans.append(Span("tsc errors \(errors)", errorStyle))
        spans.append(
            Span(
                " · any \(metrics.anyCount) · @ts-expect-error \(metrics.expectErrorCount) · @ts-ignore \(metrics.ignoreCount)",
                .plain))
        if metrics.tscErrors == nil, !project.isTypeChecking, let reason = metrics.tscUnavailableReason {
            spans.append(Span(" (" + (project.hasCompiler ? reason : "tsc not found") + ")", dim))
        } else if project.hasCompiler && !compact {
            spans.append(Span(" · " + project.compiler, dim))
        }
        return spans
    }

    /// The plan's state, the files it orders, and the step it suggests next.
    private static func planLine(_ migration: MigrationPaneState, theme: Theme) -> [Span] {
        let heading = theme.style(ThemeScope.memoryHeading)
        let dim = theme.style(ThemeScope.dim)
        var spans = [Span("Plan ", heading)]
        if let plan = migration.plan {
            var text = "\(plan.fileOrder.count) file\(plan.fileOrder.count == 1 ? "" : "s") leaves first"
            text +=
                plan.cycles.isEmpty
                ? " · no import cycles" : " · \(plan.cycles.count) import cycle\(plan.cycles.count == 1 ? "" : "s")"
            if !plan.skipped.isEmpty { text += " · \(plan.skipped.count) skipped" }
            if let next = migration.nextStepIndex { text += " · next: \(migration.steps[next].name)" }
            spans.append(Span(text, .plain))
        }
        switch migration.planPhase {
        case .notLoaded: spans.append(Span("not computed", dim))
        case .loading(let text): spans.append(Span(text, theme.style(ThemeScope.warning)))
        case .measuring(let text): spans.append(Span(" · " + text, theme.style(ThemeScope.warning)))
        case .loaded: break
        case .failed(let message): spans.append(Span("failed: " + message, theme.style(ThemeScope.error)))
        }
        return spans
    }

    // MARK: - Steps table

    private static let nameWidth = 20
    private static let statusWidth = 12

    private static func tableHeader(compact: Bool) -> String {
        "  # " + TextWidth.pad("step", to: self.nameWidth) + TextWidth.pad("status", to: self.statusWidth)
            + ["js", "tsc", "any", "exp", "ign"].map { self.right($0, compact: compact) }.joined() + "  changes"
    }

    /// `text` right-aligned in a number column (4 columns when compact, else 5).
    private static func right(_ text: String, compact: Bool) -> String {
        String(repeating: " ", count: max(0, (compact ? 4 : 5) - TextWidth.of(text))) + text
    }

    private static func stepRow(_ index: Int, state: WorkbenchState, theme: Theme, compact: Bool) -> [Span] {
        let migration = state.migration
        let step = migration.steps[index]
        let dim = theme.style(ThemeScope.dim)
        let isSelected = index == self.selectedIndex(state)
        var spans: [Span] = []
        spans.append(
            Span(
                (isSelected ? "▸" : " ") + self.right("\(index + 1)", compact: true).suffix(2) + " ",
                isSelected ? theme.style(ThemeScope.reviewCursor) : dim))
        spans.append(
            Span(TextWidth.pad(TextWidth.truncate(step.name, to: self.nameWidth - 1), to: self.nameWidth), .plain))
        let status: String
        let statusStyle: Style
        if step.activity != nil {
            status = step.preview == nil ? "previewing…" : "checking…"
            statusStyle = theme.style(ThemeScope.warning)
        } else {
            status = step.statusText
            switch step.status {
            case .applied: statusStyle = theme.style(ThemeScope.reviewAccepted)
            case .previewed: statusStyle = theme.style(ThemeScope.reviewPartial)
            case .undone: statusStyle = theme.style(ThemeScope.reviewRejected)
            case .failed: statusStyle = theme.style(ThemeScope.error)
            case .notStarted: statusStyle = dim
            }
        }
        spans.append(Span(TextWidth.pad(status, to: self.statusWidth), statusStyle))
        // The preview's numbers when there is one; else the plan's projection, dimmed.
        let metrics: MigrationMetrics?
        let projected: Bool
        let checking: Bool
        if let preview = step.preview {
            metrics = preview.metricsAfter
            projected = false
            checking = preview.isMeasuring
        } else {
            metrics = step.plannedMetrics
            projected = true
            checking = step.plannedMetrics == nil && step.planned != nil
        }
        let numberStyle = projected ? dim : Style.plain
        if let metrics {
            let tsc = metrics.tscErrors.map(String.init) ?? (checking ? "…" : "–")
            let values = [
                "\(metrics.javaScriptFiles)", tsc, "\(metrics.anyCount)", "\(metrics.expectErrorCount)",
                "\(metrics.ignoreCount)",
            ]
            spans.append(Span(values.map { self.right($0, compact: compact) }.joined(), numberStyle))
        } else {
            spans.append(
                Span(["", checking ? "…" : "", "", "", ""].map { self.right($0, compact: compact) }.joined(), dim))
        }
        var changes: String
        if let summary = step.preview?.changes ?? step.planned {
            changes = compact ? summary.shortLine : summary.line
        } else if step.isOptional, let cost = migration.ratchetCosts[step.name] {
            let errors = cost.map { "+\($0) \(compact ? "" : "tsc ")error\($0 == 1 ? "" : "s")" } ?? "unchecked"
            changes = (compact ? "cost " : "cost: ") + errors
        } else {
            changes = ""
        }
        if step.isOptional { changes = (compact ? "opt" : "optional") + (changes.isEmpty ? "" : " · " + changes) }
        spans.append(Span("  " + changes, step.preview == nil ? dim : .plain))
        return spans
    }

    // MARK: - Step detail

    private static func renderDetail(_ state: WorkbenchState, theme: Theme, area: Rect, canvas: inout Canvas) {
        let lines = self.detailLines(state, theme: theme, width: area.width)
        self.write(lines, in: area, canvas: &canvas, theme: theme)
    }

    /// The selected step: what it does, where it stands, the cost first for a ratchet, and its
    /// changes (previewed, else planned) with the codemod's notes.
    package static func detailLines(_ state: WorkbenchState, theme: Theme, width: Int) -> [[Span]] {
        let migration = state.migration
        let index = self.selectedIndex(state)
        let step = migration.steps[index]
        let dim = theme.style(ThemeScope.dim)
        let heading = theme.style(ThemeScope.memoryHeading)
        var lines: [[Span]] = []
        let title =
            "Step \(index + 1) of \(migration.steps.count) · \(step.name)"
            + (step.isOptional ? " (optional ratchet)" : "")
        lines.append([Span(title, heading)])
        for row in TextWidth.wrap(step.summary, width: max(1, width - 2)) { lines.append([Span("  " + row, .plain)]) }
        var status: [Span] = [Span("Status: ", dim)]
        switch step.status {
        case .notStarted: status.append(Span("not started", .plain))
        case .previewed: status.append(Span(step.statusText, theme.style(ThemeScope.reviewPartial)))
        case .applied(let checkpoint):
            status.append(Span("applied as checkpoint \(checkpoint)", theme.style(ThemeScope.reviewAccepted)))
        case .undone(let checkpoint):
            status.append(Span("undone (checkpoint \(checkpoint))", theme.style(ThemeScope.reviewRejected)))
        case .failed(let message): status.append(Span("failed: " + message, theme.style(ThemeScope.error)))
        }
        if let activity = step.activity { status.append(Span(" · " + activity, theme.style(ThemeScope.warning))) }
        lines.append(status)
        if step.isOptional {
            let cost = step.preview?.ratchetCost ?? migration.ratchetCosts[step.name] ?? nil
            let flag = step.name == "no-implicit-any" ? "noImplicitAny" : "strictNullChecks"
            let where_ = step.preview?.ratchetCost != nil ? "on the project now" : "after the standard steps"
            let text =
                cost.map { "Cost first: \(flag) adds \($0) tsc error\($0 == 1 ? "" : "s") \(where_), before any fix" }
                ?? "Cost first: unknown until tsc checks it (preview measures it)"
            lines.append([Span(text, theme.style(ThemeScope.warning))])
        }
        let summary: MigrationChangeSummary?
        if let preview = step.preview {
            summary = preview.changes
            let label = step.isApplied ? "What it changed: " : "Preview on the project now: "
            lines.append([Span(label, dim), Span(preview.changes.line, .plain)])
            lines += self.wrapped(
                "After: ", self.metricsText(preview.metricsAfter, checking: preview.isMeasuring), .plain, dim, width)
        } else if let planned = step.planned {
            summary = planned
            lines.append([Span("Planned (after the steps before it): ", dim), Span(planned.line, .plain)])
            if let metrics = step.plannedMetrics {
                lines += self.wrapped("After: ", self.metricsText(metrics, checking: false), dim, dim, width)
            }
            let key = state.keymap.hint(for: "migrationPreview", in: [.migration]) ?? "the palette"
            lines.append([Span("\(key) previews it on the project as it is now", dim)])
        } else {
            summary = nil
            let key = state.keymap.hint(for: "migrationPreview", in: [.migration]) ?? "the palette"
            lines.append([Span("\(key) previews it on the project as it is now", dim)])
        }
        if let summary {
            for entry in summary.entries {
                let counts = " +\(entry.added) -\(entry.removed)" + (entry.isNew ? " (new)" : "")
                let labelWidth = max(4, width - 2 - TextWidth.of(counts))
                lines.append([
                    Span("  " + TextWidth.truncateLeading(entry.label, to: labelWidth), .plain), Span(counts, dim),
                ])
            }
            if !summary.findings.isEmpty {
                lines.append([Span("Notes (left as they were):", dim)])
                for finding in summary.findings {
                    for row in TextWidth.wrap(finding, width: max(1, width - 2)) {
                        lines.append([Span("  " + row, dim)])
                    }
                }
            }
        }
        return lines
    }

    /// `label` then `text` wrapped to `width`, continuation rows indented.
    private static func wrapped(_ label: String, _ text: String, _ style: Style, _ labelStyle: Style, _ width: Int)
        -> [[Span]]
    {
        let rows = TextWidth.wrap(text, width: max(1, width - TextWidth.of(label)))
        return rows.enumerated().map { index, row in
            [
                Span(index == 0 ? label : String(repeating: " ", count: TextWidth.of(label)), labelStyle),
                Span(row, style),
            ]
        }
    }

    private static func metricsText(_ metrics: MigrationMetrics, checking: Bool) -> String {
        let errors =
            metrics.tscErrors.map(String.init)
            ?? (checking ? "… (tsc is checking)" : "– (\(metrics.tscUnavailableReason ?? "unchecked"))")
        return
            "js \(metrics.javaScriptFiles) · ts \(metrics.typeScriptFiles) · tsc errors \(errors) · any \(metrics.anyCount)"
            + " · @ts-expect-error \(metrics.expectErrorCount) · @ts-ignore \(metrics.ignoreCount)"
    }

    // MARK: - Files and the model's types

    private static func renderFiles(
        _ state: WorkbenchState, theme: Theme, area: Rect, focused: Bool, canvas: inout Canvas
    ) {
        let migration = state.migration
        let files = migration.files
        let dim = theme.style(ThemeScope.dim)
        let typeLines = self.typeRequestLines(state, theme: theme, width: area.width)
        let key = state.keymap.hint(for: "migrationAskTypes", in: [.migration]) ?? "palette"
        var header: [Span] = [Span("Files, leaves first (\(files.count))", theme.style(ThemeScope.memoryHeading))]
        header.append(Span(" · \(key): the model proposes types", dim))
        canvas.write(header, at: area.origin, maxWidth: area.width)
        // The list, then the model's answer below it (the list keeps at least two rows).
        let typeHeight = min(typeLines.count, max(0, area.height - 4))
        let listHeight = min(max(1, files.count), max(0, area.height - 1 - (typeHeight > 0 ? typeHeight + 1 : 0)))
        let listArea = Rect(x: area.x, y: area.y + 1, width: area.width, height: listHeight)
        if files.isEmpty {
            canvas.write(
                migration.project == nil ? "reading the project…" : "no JavaScript or TypeScript sources",
                at: listArea.origin, style: dim, maxWidth: area.width)
        }
        let selected = max(0, min(migration.selectedFile, files.count - 1))
        let scroll =
            listArea.height > 0 ? max(0, min(selected - listArea.height / 2, files.count - listArea.height)) : 0
        for row in 0..<listArea.height {
            let index = scroll + row
            guard index < files.count else { break }
            let file = files[index]
            let point = Point(x: listArea.x, y: listArea.y + row)
            var base = Style.plain
            if index == selected && migration.section == .files {
                base = theme.style(focused ? ThemeScope.selection : ThemeScope.selectionUnfocused)
                canvas.fill(Rect(x: listArea.x, y: point.y, width: listArea.width, height: 1), style: base)
            }
            let marker = index == selected ? "▸ " : "  "
            let language = file.isJavaScript ? "JS " : "TS "
            let languageStyle =
                file.isJavaScript ? theme.style(ThemeScope.warning) : theme.style(ThemeScope.reviewAccepted)
            canvas.write(
                [
                    Span(marker, theme.style(ThemeScope.reviewCursor)), Span(language, languageStyle),
                    Span(TextWidth.truncateLeading(file.path, to: max(1, area.width - 5)), .plain),
                ],
                at: point, base: base, maxWidth: area.width)
        }
        let typeArea = Rect(x: area.x, y: listArea.maxY + 1, width: area.width, height: typeHeight)
        self.write(Array(typeLines.prefix(typeHeight)), in: typeArea, canvas: &canvas, theme: theme)
    }

    /// The latest type request: the file, how far it got, and the tail of the answer.
    package static func typeRequestLines(_ state: WorkbenchState, theme: Theme, width: Int) -> [[Span]] {
        guard let request = state.migration.typeRequest else { return [] }
        let dim = theme.style(ThemeScope.dim)
        var lines: [[Span]] = [
            [Span("Types for \(request.path) from the model", theme.style(ThemeScope.memoryHeading))]
        ]
        func wrapped(_ text: String, _ style: Style) {
            for row in TextWidth.wrap(text, width: max(1, width - 2)) { lines.append([Span("  " + row, style)]) }
        }
        switch request.phase {
        case .preparing:
            wrapped("preparing the request (the file, its imports, tsc's complaints)…", theme.style(ThemeScope.warning))
        case .waitingForEngine:
            if case .connecting(let text) = state.engine {
                wrapped("waiting for the engine: \(text)", theme.style(ThemeScope.warning))
            } else {
                wrapped("waiting for the engine…", theme.style(ThemeScope.warning))
            }
        case .streaming:
            wrapped("the model is answering… \(request.answer.count) characters", theme.style(ThemeScope.warning))
        case .reading: wrapped("reading the edits in the answer…", theme.style(ThemeScope.warning))
        case .opened(let files):
            wrapped(
                "its edits are open in the review (\(files) file\(files == 1 ? "" : "s"))",
                theme.style(ThemeScope.reviewAccepted))
        case .noEdits(let text):
            wrapped(text.prefix(1).uppercased() + text.dropFirst(), theme.style(ThemeScope.warning))
        case .cancelled: wrapped("stopped", dim)
        case .failed(let message): wrapped(message, theme.style(ThemeScope.error))
        }
        let showsAnswer: Bool
        switch request.phase {
        case .streaming, .noEdits: showsAnswer = !request.answer.isEmpty
        default: showsAnswer = false
        }
        if showsAnswer {
            let flat = request.answer.split(whereSeparator: \.isNewline).joined(separator: " ⏎ ")
            let tail = String(flat.suffix(max(1, (width - 4) * 2)))
            lines.append([Span("  answer: ", dim)])
            for row in TextWidth.wrap(tail, width: max(1, width - 4)).suffix(2) {
                lines.append([Span("    " + row, dim)])
            }
        }
        return lines
    }

    // MARK: - Helpers

    /// Writes `lines` from the top of `area`; when they do not fit, the last row says how many
    /// more there are.
    private static func write(_ lines: [[Span]], in area: Rect, canvas: inout Canvas, theme: Theme) {
        guard area.height > 0 else { return }
        let fits = lines.count <= area.height
        let shown = fits ? lines.count : area.height - 1
        for (row, line) in lines.prefix(shown).enumerated() {
            canvas.write(line, at: Point(x: area.x, y: area.y + row), maxWidth: area.width)
        }
        if !fits {
            canvas.write(
                "… \(lines.count - shown) more", at: Point(x: area.x, y: area.y + shown),
                style: theme.style(ThemeScope.dim), maxWidth: area.width)
        }
    }
}
