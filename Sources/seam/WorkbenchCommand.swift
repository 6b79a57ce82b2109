import Basics
import Dispatch
import TerminalCurses
import TerminalKit
import Workbench
import Workspace

#if canImport(Glibc)
import Glibc
#endif

/// `seam [PATH]`: the workbench on the alternate screen.
let workbenchCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(
        name: "seam",
        abstract: "open the workbench on a repository",
        usage: "[PATH] [--engine unix:SOCKET | http(s)://HOST[:PORT]] [--model DIR] [--theme NAME] [--keymap NAME] [--no-mouse]",
        options: [
            .init("engine", value: "ADDRESS", help: "the engine: unix:SOCKET (default $XDG_RUNTIME_DIR/seam/engine.sock) or an OpenAI-compatible http(s) URL"),
            .init("model", value: "DIR", help: "checkpoint to start seam-engine on when no engine answers (default: the bundled tiny demo model)"),
            .init("theme", value: "NAME", help: "theme from Themes/ or ~/.config/seam/themes (default dark)"),
            .init("keymap", value: "NAME", help: "keymap from Keymaps/ or ~/.config/seam/keymaps: default, vim, emacs"),
            .init("no-mouse", help: "leave the mouse to the terminal (text selection)"),
        ],
        positionals: [("PATH", "the repository to open (default: the current directory)")],
        discussion: """
            An engine that seam starts keeps running after seam quits, so other clients and the next
            seam can use it; stop it with `kill` (it removes its socket on exit). Remote endpoints take
            their API key from SEAM_API_KEY or OPENAI_API_KEY. Settings: ~/.config/seam/config.toml.
            NO_COLOR turns colours off; SEAM_COLORS=16|256|truecolor overrides the detected depth.
            Keys (default keymap): F1 or ? lists them all, ctrl-k opens the command palette, q or ctrl-c
            quits (asking first while a review has decisions not applied or the chat composer holds
            text; SIGTERM quits at once). Applied changes are checkpoints of the project (the git top
            level containing PATH, else PATH), shared with 'seam undo', 'seam redo' and 'seam log'.
            """
    )
) { arguments in
    try MainActor.assumeIsolated { try WorkbenchLauncher.run(arguments) }
}

/// Wires the workbench: workspace, settings, theme and keymap (checked before the terminal is
/// touched, so configuration errors print as one line), then the curses terminal and the
/// program loop on the main queue.
@MainActor
enum WorkbenchLauncher {
    /// Opens the workbench on `root` (default: the PATH argument). `prepare` adjusts the first
    /// state and the start-up commands (`seam review` opens its review there).
    static func run(
        _ arguments: ParsedArguments, root: String? = nil,
        prepare: (inout WorkbenchState, [Command]) -> [Command] = { $1 }
    ) throws -> Int32 {
        let environment = ProcessEnvironment.current
        let paths = Paths(environment: environment)
        let installation = Installation.current(environment: environment)
        let workspace: Workspace
        do {
            workspace = try Workspace(root: root ?? arguments.positionals.first ?? ".")
        } catch {
            throw UsageError("seam", error.description)
        }
        let settings = try UserSettings.load(path: paths.configDirectory + "/config.toml")
        let locator = ResourceLocator.standard(paths: paths, installation: installation)
        let actions = ActionRegistry.standard
        let themeName = arguments.value("theme") ?? settings.theme ?? "dark"
        let keymapName = arguments.value("keymap") ?? settings.keymap ?? "default"
        let theme = try ThemeLoader(locator: locator).load(themeName)
        let keymap = try KeymapLoader(locator: locator, knownActions: actions.ids, knownContexts: Set(KeyContext.standard)).load(keymapName)
        var modelDirectory = arguments.value("model") ?? settings.model ?? installation?.bundledModelDirectory
        if let model = modelDirectory { modelDirectory = FileSystem.absolute(model) }
        let workbenchSettings = WorkbenchSettings(
            memoryByteCap: settings.memoryByteCap ?? MemorySources.defaultByteCap,
            maxAnswerTokens: settings.maxAnswerTokens ?? 512,
            temperature: settings.temperature)
        let effectsConfiguration = EffectsConfiguration(
            root: workspace.root, engineAddress: arguments.value("engine") ?? settings.engine, modelDirectory: modelDirectory,
            paths: paths, locator: locator, environment: environment, memoryByteCap: workbenchSettings.memoryByteCap)

        // Log lines would scribble over the screen: send them to a file while the TUI runs.
        try? FileSystem.createDirectories(paths.stateDirectory, mode: 0o700)
        let logDescriptor = open(paths.stateDirectory + "/seam.log", O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        if logDescriptor >= 0 { Log.shared.redirect(to: logDescriptor) }

        let mouse = !arguments.flag("no-mouse") && (settings.mouse ?? true)
        let terminal: Terminal
        do {
            terminal = try Terminal.open(TerminalOptions(mouse: mouse, environment: environment))
        } catch {
            throw UsageError("seam", error.description)
        }
        var state = WorkbenchState(
            root: workspace.root, size: terminal.backend.size, colorDepth: terminal.backend.colorDepth, theme: theme, keymap: keymap,
            actions: actions, settings: workbenchSettings, mouseEnabled: mouse,
            conversation: Conversation(id: Conversation.makeID(), created: 0))
        let startCommands = prepare(&state, WorkbenchUpdate.start(&state))
        let effects = WorkbenchEffects(configuration: effectsConfiguration, workspace: workspace, actionIDs: actions.ids)
        effects.setMouse = { terminal.setMouse($0) }
        effects.review.suspendTerminal = { terminal.suspended($0) }
        let program = WorkbenchProgram.make(state: state, backend: terminal.backend) { command, send in
            effects.perform(command, send: send)
        }
        program.onQuit = {
            terminal.close()
            Log.shared.info("seam quit")
            exit(0)
        }
        terminal.start(
            onEvent: { event in program.handle(event) },
            onSignal: { signal in
                // Ctrl-C from outside (kill -INT), SIGTERM and a closed terminal all quit cleanly.
                Log.shared.info("seam stopping on \(signal)")
                terminal.close()
                exit(signal == .interrupt ? 130 : 143)
            })
        program.start(startCommands)
        dispatchMain()
    }
}
