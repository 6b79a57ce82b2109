import Basics
import Changes

#if canImport(Glibc)
    import Glibc
#endif

/// `seam apply PATCHFILE [--accept all|none|PATH:N,…] [--dry-run]`: applies a proposed change
/// without the TUI, through the same engine as the review (tolerance ladder, journal, checkpoint).
let applyCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(
        name: "seam apply",
        abstract: "apply a patch or model answer headlessly, hunk by hunk",
        usage: "PATCHFILE [--accept all|none|PATH:N,…] [--dry-run]",
        options: [
            .init(
                "accept", value: "SELECTION",
                help: "all (default), none, or PATH:N,… (hunk N of PATH; PATH alone: all of it)"),
            .init("dry-run", help: "report what would happen; write nothing"),
        ],
        positionals: [
            (
                "PATCHFILE",
                "a unified diff, SEARCH/REPLACE blocks, a *** Begin Patch envelope or whole-file blocks; - for standard input"
            )
        ],
        discussion: """
            Works on the workspace containing the current directory (its git top level); paths in PATCHFILE are
            relative to it. Prints one line per hunk: applied, applied with an offset, applied fuzzily (which
            tolerance), rejected (why, and the nearest match), or not selected. Every apply is a checkpoint of the
            project, all files or none: 'seam undo' reverts it. Exits 1 when a selected hunk cannot apply or the edit
            text is malformed, 2 on bad arguments or a PATCHFILE that cannot be read; nothing is written then.
            """
    )
) { arguments in
    guard let patchPath = arguments.positionals.first else { throw UsageError("seam apply", "missing PATCHFILE") }
    let selection: HunkSelection
    do throws(ChangesError) {
        selection = try HunkSelection(parsing: arguments.value("accept") ?? "all")
    } catch {
        throw UsageError("seam apply", error.message)
    }
    // The patch is read before the store is touched: a bad PATCHFILE changes nothing anywhere.
    let text = try readPatch(patchPath, command: "seam apply")
    let workspace = try WorkspaceRoot.containing(FileSystem.currentDirectory())
    let store = try CheckpointStore(workspace: workspace)
    for message in try store.recover() { writeStandardError("seam: \(message)\n") }
    let changeset = ChangesetBuilder(workspace: workspace).build(text: text, title: "seam apply \(patchPath)")
    do throws(ChangesError) {
        try selection.validate(against: changeset)
    } catch {
        throw UsageError("seam apply", error.message)
    }
    for diagnostic in changeset.diagnostics where diagnostic.severity != .note {
        writeStandardError("\(patchPath): \(diagnostic)\n")
    }
    if changeset.files.isEmpty && !changeset.diagnostics.contains(where: { $0.severity == .error }) {
        writeStandardError(
            "seam apply: \(patchPath) contains no edits (no unified diff, SEARCH/REPLACE block, *** Begin Patch or whole-file block)\n"
        )
        return 1
    }
    let report = ChangesetReport.outcomes(changeset, selection: selection)
    writeStandardOutput(report.lines.map { $0 + "\n" }.joined())
    var review = ChangeReview(changeset)
    selection.apply(to: &review)
    let resolved = review.resolved()
    let malformed = changeset.diagnostics.contains { $0.severity == .error }
    if malformed {
        writeStandardError("seam apply: the edit text has errors (listed above); nothing was written\n")
        return 1
    }
    if arguments.flag("dry-run") {
        writeStandardOutput(
            "dry run: \(resolved.count) file\(resolved.count == 1 ? "" : "s") would change; nothing was written\n")
    } else if resolved.isEmpty {
        writeStandardOutput("nothing to apply\n")
    } else {
        let id = try store.apply(resolved, title: changeset.title)
        writeStandardOutput(
            "checkpoint \(id): \(resolved.count) file\(resolved.count == 1 ? "" : "s") changed (undo with 'seam undo')\n"
        )
    }
    return report.failures > 0 ? 1 : 0
}

/// The bytes of a patch file, or of standard input for `-`.
func readPatch(_ path: String, command: String) throws -> [UInt8] {
    if path == "-" {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }
    guard FileSystem.exists(path) else { throw UsageError(command, "no such file: \(path)") }
    do throws(ChangesError) {
        return try PosixFile.read(path)
    } catch {
        throw UsageError(command, error.message)
    }
}
