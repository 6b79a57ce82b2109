import Basics

#if canImport(Glibc)
import Glibc
#endif

/// seam: the workbench. With no subcommand it opens the TUI on PATH (default: the current
/// directory); the subcommands review, apply, undo, redo, log and migrate work on changesets.
let subcommands: [SubcommandProgram.Subcommand] = [
    reviewCommand, applyCommand, undoCommand, redoCommand, logCommand, migrateCommand,
]
let arguments = Array(CommandLine.arguments.dropFirst())
if let first = arguments.first, let subcommand = subcommands.first(where: { $0.spec.name == "seam " + first }) {
    exit(SubcommandProgram.run(subcommand, Array(arguments.dropFirst())))
}
if arguments.first == "help" {
    writeStandardOutput(workbenchCommand.spec.helpText + "\nSubcommands:\n" + subcommands.map { "  \($0.spec.name): \($0.spec.abstract)\n" }.joined())
    exit(0)
}
exit(SubcommandProgram.run(workbenchCommand, arguments))
