import Dispatch

/// The Elm-style loop: one state value, changed only by `update`; a view that turns the state into
/// layers; commands whose results come back as messages; at most one render per turn of the main
/// queue, capped at `frameInterval`, drawing only the cells that changed since the last frame.
///
/// `Program` owns none of the effects: `perform` runs each command (usually in a `Task`) and calls
/// `send` with the messages that result. Terminal input arrives through `handle(_:)`.
@MainActor
package final class Program<State, Msg, Command> {
    /// Applies a message to the state and returns the commands to run.
    package typealias Update = (inout State, Msg) -> [Command]
    /// Builds the layers that draw the state and turn input into messages.
    package typealias View = (State, Size) -> Compositor<Msg>
    /// Runs one command; results come back through the `send` function it is given.
    package typealias Perform = (Command, _ send: @escaping @MainActor @Sendable (Msg) -> Void) -> Void

    /// Timing of one rendered frame.
    package struct FrameStats: Sendable {
        /// Cells that differed from the previous frame and were drawn.
        package var cellsDrawn: Int
        /// Time spent building, rendering, diffing and drawing.
        package var duration: Duration
    }

    package private(set) var state: State
    private let update: Update
    private let view: View
    private let perform: Perform
    private let backend: any Backend
    /// The shortest time between two frames (60 fps by default).
    package var frameInterval: Duration = .milliseconds(16)
    /// Turns a new terminal size into a message for `update`.
    package var resized: ((Size) -> Msg)?
    /// Called after each message; returning true stops the program (`onQuit` runs).
    package var shouldQuit: (State) -> Bool = { _ in false }
    /// Called once when `shouldQuit` first returns true.
    package var onQuit: (() -> Void)?
    /// Frames rendered so far.
    package private(set) var frameCount = 0
    /// The stats of the last frame.
    package private(set) var lastFrame: FrameStats?

    private var previousFrame: CellBuffer?
    private var renderScheduled = false
    private var needsRender = true
    private var lastRenderTime: ContinuousClock.Instant?
    private var quitting = false

    package init(state: State, backend: any Backend, update: @escaping Update, view: @escaping View, perform: @escaping Perform) {
        self.state = state
        self.backend = backend
        self.update = update
        self.view = view
        self.perform = perform
    }

    /// Runs `commands` (the program's start-up effects) and schedules the first frame.
    package func start(_ commands: [Command] = []) {
        for command in commands { self.run(command) }
        self.scheduleRender()
    }

    /// Applies `msg`, runs the commands it produced and schedules a frame.
    package func send(_ msg: Msg) {
        guard !self.quitting else { return }
        let commands = self.update(&self.state, msg)
        self.needsRender = true
        if self.shouldQuit(self.state) {
            self.quitting = true
            self.onQuit?()
            return
        }
        for command in commands { self.run(command) }
        self.scheduleRender()
    }

    /// Routes a terminal event: resizes go to `resized` and force a full redraw; everything else
    /// through the current layers, top-down.
    package func handle(_ event: InputEvent) {
        guard !self.quitting else { return }
        if case .resize(let size) = event {
            self.previousFrame = nil
            self.needsRender = true
            if let resized { self.send(resized(size)) } else { self.scheduleRender() }
            return
        }
        let compositor = self.view(self.state, self.backend.size)
        if let msg = compositor.route(event) { self.send(msg) }
    }

    /// Forgets the previous frame so the next one redraws every cell (after the terminal lost
    /// its contents, e.g. on resize or a redraw request).
    package func invalidate() {
        self.previousFrame = nil
        self.needsRender = true
        self.scheduleRender()
    }

    /// Renders now if anything changed since the last frame, whatever the frame cap says.
    @discardableResult
    package func renderNow() -> FrameStats? {
        guard self.needsRender, !self.quitting else { return nil }
        let clock = ContinuousClock()
        let start = clock.now
        let size = self.backend.size
        let compositor = self.view(self.state, size)
        let frame = compositor.render(size: size)
        let runs = frame.changes(from: self.previousFrame)
        self.backend.draw(runs)
        self.backend.setCursor(compositor.cursor)
        self.backend.flush()
        self.previousFrame = frame
        self.needsRender = false
        self.lastRenderTime = clock.now
        self.frameCount += 1
        let stats = FrameStats(cellsDrawn: runs.reduce(0) { $0 + $1.cells.filter { !$0.isContinuation }.count }, duration: clock.now - start)
        self.lastFrame = stats
        return stats
    }

    private func run(_ command: Command) {
        self.perform(command) { [weak self] msg in self?.send(msg) }
    }

    private func scheduleRender() {
        guard !self.renderScheduled, !self.quitting else { return }
        self.renderScheduled = true
        var delay = Duration.zero
        if let lastRenderTime {
            let elapsed = ContinuousClock.now - lastRenderTime
            if elapsed < self.frameInterval { delay = self.frameInterval - elapsed }
        }
        let nanoseconds = Int(delay.components.seconds) * 1_000_000_000 + Int(delay.components.attoseconds / 1_000_000_000)
        DispatchQueue.main.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [weak self] in
            MainActor.assumeIsolated {
                guard let self else { return }
                self.renderScheduled = false
                self.renderNow()
            }
        }
    }
}
