import Basics
import Changes

/// `seam review (PATCHFILE | --git REV)`: builds the changeset and shows it hunk by hunk. The
/// interactive review lives in the TUI; until it is wired in, this prints the hunks.
let reviewCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(
        name: "seam review",
        abstract: "review a proposed multi-file change hunk by hunk",
        usage: "(PATCHFILE | --git REV) [--context N]",
        options: [
            .init(
                "git", value: "REV",
                help: "review the change commit REV made (against its parent), applied to the working tree"),
            .init("context", value: "N", help: "unchanged lines around each change (default 3)"),
        ],
        positionals: [
            ("PATCHFILE", "a unified diff, SEARCH/REPLACE blocks, a *** Begin Patch envelope or whole-file blocks")
        ],
        discussion: "Works on the workspace containing the current directory (its git top level). Nothing is written."
    )
) { arguments in
    let workspace = try WorkspaceRoot.containing(FileSystem.currentDirectory())
    let context = try arguments.integer("context", default: 3, in: 0...1000) ?? 3
    let changeset: Changeset
    if let revision = arguments.value("git") {
        guard arguments.positionals.isEmpty else {
            throw UsageError("seam review", "give either PATCHFILE or --git REV, not both")
        }
        let source = try GitRevisionSource.proposal(revision: revision, workspace: workspace)
        changeset = ChangesetBuilder(workspace: workspace).build(source.proposal, title: source.title)
    } else {
        guard let path = arguments.positionals.first else {
            throw UsageError("seam review", "missing PATCHFILE or --git REV")
        }
        changeset = ChangesetBuilder(workspace: workspace).build(
            text: try readPatch(path, command: "seam review"), title: path)
    }
    writeStandardOutput(ChangesetReport.listing(ChangeReview(changeset, context: context)))
    writeStandardOutput(
        "\nThe interactive review (accept, reject, split, edit hunks) needs the TUI, which is not wired to 'seam review' yet;"
            + " apply headlessly with 'seam apply PATCHFILE --accept PATH:N,…'.\n")
    return changeset.diagnostics.contains { $0.severity == .error } ? 1 : 0
}
