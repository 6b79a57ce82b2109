import Basics
import Changes
import TerminalKit
import Workbench

#if canImport(Glibc)
    import Glibc
#endif

/// `seam review (PATCHFILE | --git REV)`: builds the changeset and opens the workbench on it,
/// zoomed to the review, to accept, reject, split and edit hunks and apply the result as a
/// checkpoint. When standard input or output is not a terminal (or with `--print`) it prints
/// every hunk instead.
let reviewCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(
        name: "seam review",
        abstract: "review a proposed multi-file change hunk by hunk",
        usage:
            "(PATCHFILE | --git REV) [--context N] [--print] [--theme NAME] [--keymap NAME] [--no-mouse] [--engine ADDRESS] [--model DIR]",
        options: [
            .init(
                "git", value: "REV",
                help: "review the change commit REV made (against its parent), applied to the working tree"),
            .init("context", value: "N", help: "unchanged lines around each change (default 3)"),
            .init("print", help: "print the hunks instead of opening the review (the default when not on a terminal)"),
            .init("theme", value: "NAME", help: "theme from Themes/ or ~/.config/seam/themes (default dark)"),
            .init("keymap", value: "NAME", help: "keymap from Keymaps/ or ~/.config/seam/keymaps: default, vim, emacs"),
            .init("no-mouse", help: "leave the mouse to the terminal (text selection)"),
            .init(
                "engine", value: "ADDRESS",
                help: "the engine for the chat, connected on request (ctrl-e in the default keymap)"),
            .init(
                "model", value: "DIR",
                help: "checkpoint to start seam-engine on when the chat connects and no engine answers"),
        ],
        positionals: [
            (
                "PATCHFILE",
                "a unified diff, SEARCH/REPLACE blocks, a *** Begin Patch envelope or whole-file blocks; - reads standard input (the hunks are listed: the interactive review needs a file)"
            )
        ],
        discussion: """
            Works on the workspace containing the current directory (its git top level); paths in PATCHFILE are
            relative to it. Nothing is written until the final apply, which is journaled and kept as a checkpoint of
            the project ('seam undo' reverts it, from anywhere in the repository). Keys (default keymap): up/down
            hunks, left/right files, a accept, r reject, space toggle, v line selection, s split, e edit in
            $EDITOR, A/R the rest of the file, +/- context, t layout, w apply, u undo, U redo, x close, q quit
            (asking first while decisions are not applied), ? all keys. The engine is not started: the review
            needs none. Exits 1 when REV is not a commit or (with --print) the edits are malformed, 2 on bad
            arguments or a PATCHFILE that cannot be read.
            """
    )
) { arguments in
    let workspace = try WorkspaceRoot.containing(FileSystem.currentDirectory())
    let interactive = isatty(0) == 1 && isatty(1) == 1 && !arguments.flag("print")
    let context = try arguments.integer("context", default: 3, in: 0...1000) ?? 3
    let changeset: Changeset
    let origin: ReviewSession.Origin
    if let revision = arguments.value("git") {
        guard arguments.positionals.isEmpty else {
            throw UsageError("seam review", "give either PATCHFILE or --git REV, not both")
        }
        let source = try GitRevisionSource.proposal(revision: revision, workspace: workspace)
        changeset = ChangesetBuilder(workspace: workspace).build(source.proposal, title: source.title)
        origin = .gitRevision(revision)
    } else {
        guard let path = arguments.positionals.first else {
            throw UsageError("seam review", "missing PATCHFILE or --git REV")
        }
        if path == "-" && interactive {
            throw UsageError(
                "seam review",
                "the review reads keys from the terminal: give the patch as a file (or list it with --print)")
        }
        changeset = ChangesetBuilder(workspace: workspace).build(
            text: try readPatch(path, command: "seam review"), title: path)
        origin = .patchFile(path)
    }
    let review = ChangeReview(changeset, context: context)
    let malformed = changeset.diagnostics.contains { $0.severity == .error }
    if changeset.files.isEmpty && changeset.diagnostics.isEmpty {
        writeStandardError(
            "seam review: \(changeset.title) contains no edits (no unified diff, SEARCH/REPLACE block, *** Begin Patch or whole-file block)\n"
        )
        return 1
    }
    guard interactive else {
        writeStandardOutput(ChangesetReport.listing(review))
        if !arguments.flag("print") {
            writeStandardOutput(
                "\nThe interactive review (accept, reject, split, edit hunks) needs the TUI, and standard input or output"
                    + " is not a terminal; apply headlessly with 'seam apply PATCHFILE --accept PATH:N,…'.\n")
        }
        return malformed ? 1 : 0
    }
    return try MainActor.assumeIsolated {
        try WorkbenchLauncher.run(arguments, root: workspace.path) { state, commands in
            // The review needs no engine; the chat connects on request.
            state.engine = .idle
            state.layout.zoomed = WorkbenchLayout.main
            let opened = ReviewUpdate.open(review, origin: origin, focus: true, &state)
            return commands.filter { $0 != .connectEngine } + opened
        }
    }
}
