using System.Collections.Concurrent;
using System.Diagnostics;

namespace SmartHome.Testing.Chaos;

/// <summary>
/// A seeded chaos run over the whole chain: commands from the world's people interleaved with faults from the catalogue,
/// overlapping, while the invariants are checked as answers come in (every command answered within the budget, never a
/// hang or a server error; every failure and every diagnosis explained by the faults that were on; once faults clear,
/// every lamp shows its last acknowledged command, the diagnosis is healthy and a command works; no secret in the
/// telemetry). A violation is shrunk by replaying parts of the schedule against the same world.
/// </summary>
public sealed class ChaosMonkey(SmartHomeWorld world, ChaosMonkeyOptions? options = null)
{
    private readonly ChaosMonkeyOptions _options = options ?? new ChaosMonkeyOptions();
    private readonly SmartHomeWorld _world = world;

    private IReadOnlyList<ChaosPerson> People => _options.People ?? ChaosPerson.Of(_world.Options);

    /// <summary>The name <c>--world</c> takes for the world the monkey runs in.</summary>
    public string WorldName => _world.Options.FleetHomes > 0 ? $"fleet:{_world.Options.FleetHomes}" : _world.Options.World ?? "default";

    /// <summary>Generates the schedule of <paramref name="seed"/>, runs it, and shrinks the first violation's schedule.</summary>
    public Task<ChaosReport> RunAsync(int seed, TimeSpan duration, CancellationToken cancellationToken = default)
        => RunAsync(seed, duration, CancellationToken.None, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(int, TimeSpan, CancellationToken)"/>, and <paramref name="stopping"/> ends the run early (the
    /// dashboard's "Stop chaos monkey"): no new event starts, every fault on is undone, the invariants after clearing are
    /// checked and the report says what was seen so far (not shrunk). <paramref name="cancellationToken"/> aborts instead.
    /// </summary>
    public async Task<ChaosReport> RunAsync(int seed, TimeSpan duration, CancellationToken stopping, CancellationToken cancellationToken)
    {
        var schedule = ChaosSchedule.Generate(seed, duration, People);
        Log($"seed {seed}: {schedule.Events.Count} events over {duration.TotalSeconds:0} s");
        var run = await ReplayAsync(schedule, stopping, cancellationToken);
        if (run.Passed || _options.MaxShrinkRuns == 0 || stopping.IsCancellationRequested)
        {
            return new ChaosReport(seed, duration, WorldName, run, null, 0);
        }

        var (shrunk, runs) = await ShrinkAsync(schedule, run.Violations[0].Kind, stopping, cancellationToken);
        return new ChaosReport(seed, duration, WorldName, run, shrunk, runs);
    }

    /// <summary>Runs <paramref name="schedule"/> against the world (first clearing every fault and linking the owner afresh).</summary>
    public Task<ChaosRunResult> ReplayAsync(ChaosSchedule schedule, CancellationToken cancellationToken = default)
        => ReplayAsync(schedule, CancellationToken.None, cancellationToken);

    /// <summary>Runs <paramref name="schedule"/> until its end or until <paramref name="stopping"/> (then every fault on is undone and the run checked).</summary>
    public async Task<ChaosRunResult> ReplayAsync(ChaosSchedule schedule, CancellationToken stopping, CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken);
        var run = new Run(this, schedule);
        return await run.ExecuteAsync(stopping, cancellationToken);
    }

    /// <summary>Delta debugging over the schedule's events: drop chunks while the violation of <paramref name="kind"/> still shows.</summary>
    private async Task<(ChaosSchedule Shrunk, int Runs)> ShrinkAsync(ChaosSchedule schedule, ChaosViolationKind kind, CancellationToken stopping,
        CancellationToken cancellationToken)
    {
        var events = schedule.Events.ToList();
        var runs = 0;
        var chunks = 2;
        while (events.Count > 1 && runs < _options.MaxShrinkRuns && !stopping.IsCancellationRequested)
        {
            var size = (int)Math.Ceiling(events.Count / (double)chunks);
            var reduced = false;
            for (var start = 0; start < events.Count && runs < _options.MaxShrinkRuns && !stopping.IsCancellationRequested; start += size)
            {
                var candidate = events.Take(start).Concat(events.Skip(start + size)).ToList();
                if (candidate.Count == 0)
                {
                    continue;
                }

                runs++;
                var shifted = Shift(candidate);
                Log($"shrink replay {runs}: {shifted.Events.Count} events");
                var result = await ReplayAsync(shifted, stopping, cancellationToken);
                if (!result.StoppedEarly && result.Violations.Any(v => v.Kind == kind))
                {
                    events = [.. shifted.Events];
                    chunks = Math.Max(chunks - 1, 2);
                    reduced = true;
                    break;
                }
            }

            if (!reduced)
            {
                if (size == 1)
                {
                    break;
                }

                chunks = Math.Min(chunks * 2, events.Count);
            }
        }

        return (new ChaosSchedule(events), runs);
    }

    /// <summary>The same events, moved so that the first happens half a second in.</summary>
    private static ChaosSchedule Shift(IReadOnlyList<ChaosEvent> events)
    {
        var by = events.Min(e => e.At) - TimeSpan.FromSeconds(0.5);
        return new ChaosSchedule([.. events.Select(e => e switch
        {
            SayEvent say => say with { At = say.At - by },
            FaultEvent fault => (ChaosEvent)(fault with { At = fault.At - by }),
            _ => e,
        })]);
    }

    /// <summary>Every switch back to normal, the owner linked afresh (the link's age starts again), every device online, the diagnosis healthy.</summary>
    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await ClearAllAsync(cancellationToken);
        await RelinkWithRetryAsync(cancellationToken);
        foreach (var person in People.DistinctBy(p => (p.Home, p.Device)))
        {
            await _world.Plug(person.Home, person.Device).WaitUntilOnlineAsync(true, cancellationToken);
        }

        var owner = People[0];
        await _world.DiagnoseUntilAsync(null, owner.DeviceName, owner.User, cancellationToken);
    }

    private async Task ClearAllAsync(CancellationToken cancellationToken)
    {
        foreach (var person in People.DistinctBy(p => (p.Home, p.Device)))
        {
            await _world.Plug(person.Home, person.Device).PlugInAsync(cancellationToken);
            await _world.Plug(person.Home, person.Device).WifiOnAsync(cancellationToken);
        }

        foreach (var home in People.Select(p => p.Home).Distinct())
        {
            await _world.PostAsync(_world.GatewayResource(home), $"/sim/wifi-band/on?home={home}", null, cancellationToken);
            await _world.PostAsync(_world.GatewayResource(home), $"/sim/broadband/up?home={home}", null, cancellationToken);
        }

        await _world.PostAsync("vendorcloud", "/sim/outage/off", null, cancellationToken);
        await _world.PostAsync("vendorcloud", "/sim/latency", new { milliseconds = 0 }, cancellationToken);
        await _world.PostAsync("assistantcloud", "/sim/outage/off", null, cancellationToken);
    }

    private readonly SemaphoreSlim _relinking = new(1, 1);

    /// <summary>The owner links again, retrying while the vendor cannot take a sign-in (an outage, a Redis restart).</summary>
    private async Task RelinkWithRetryAsync(CancellationToken cancellationToken)
    {
        await _relinking.WaitAsync(cancellationToken);
        try
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    await _world.RelinkAsync(cancellationToken);
                    return;
                }
                catch (Exception e) when (e is SmartHomeWorldException or HttpRequestException or TimeoutException && deadline.Elapsed < TimeSpan.FromSeconds(90))
                {
                    await Task.Delay(1000, cancellationToken);
                }
            }
        }
        finally
        {
            _relinking.Release();
        }
    }

    private void Log(string message) => _options.Log?.Invoke(message);

    /// <summary>One execution of a schedule: its clock, the fault windows, the model of every lamp, the violations.</summary>
    private sealed class Run(ChaosMonkey monkey, ChaosSchedule schedule)
    {
        private readonly Stopwatch _clock = new();
        private readonly ConcurrentQueue<ChaosViolation> _violations = new();
        private readonly ConcurrentDictionary<string, int> _outcomes = new();
        private readonly List<FaultWindow> _windows = [];
        private readonly ConcurrentQueue<string> _faultLog = new();
        private readonly Dictionary<ChaosPerson, (string Power, int Level)> _expected = [];
        private readonly Dictionary<ChaosPerson, List<string>> _refused = [];
        private readonly object _gate = new();
        private double _linkAgeHours;

        private SmartHomeWorld World => monkey._world;

        private ChaosMonkeyOptions Options => monkey._options;

        private TimeSpan Now => _clock.Elapsed;

        public async Task<ChaosRunResult> ExecuteAsync(CancellationToken stopping, CancellationToken cancellationToken)
        {
            foreach (var person in monkey.People)
            {
                var state = await World.Plug(person.Home, person.Device).StateAsync(cancellationToken);
                _expected[person] = (state.Power, state.Brightness);
                _refused[person] = [];
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _clock.Start();
            var speakers = monkey.People.Select(p => SpeakAsync(p, stopping, stop.Token)).ToList();
            var faults = FaultsAsync(stopping, stop.Token);
            using var probing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var prober = ProbeDiagnosisAsync(probing.Token);

            var bound = schedule.Length + TimeSpan.FromMinutes(3);
            try
            {
                await Task.WhenAll([.. speakers, faults]).WaitAsync(bound, cancellationToken);
            }
            catch (TimeoutException)
            {
                Violate(ChaosViolationKind.NoAnswer, $"the schedule did not finish within {bound.TotalSeconds:0} s");
                await stop.CancelAsync();
            }

            await probing.CancelAsync();
            await prober;
            var stoppedEarly = stopping.IsCancellationRequested;
            if (stoppedEarly)
            {
                Log($"{Now.TotalSeconds:0.0}s stopped: undoing every fault");
            }

            await CheckAfterClearingAsync(cancellationToken);
            return new ChaosRunResult(schedule, [.. _violations.OrderBy(v => v.At)], new Dictionary<string, int>(_outcomes), [.. _faultLog], Now)
            {
                StoppedEarly = stoppedEarly,
            };
        }

        /// <summary>Waits until <paramref name="at"/> into the run; false once the run is <paramref name="stopping"/> (nothing new starts).</summary>
        private async Task<bool> WaitUntilAsync(TimeSpan at, CancellationToken stopping, CancellationToken cancellationToken)
        {
            if (at > Now)
            {
                await DelayUnlessStoppedAsync(at - Now, stopping, cancellationToken);
            }

            return !stopping.IsCancellationRequested;
        }

        private static async Task DelayUnlessStoppedAsync(TimeSpan delay, CancellationToken stopping, CancellationToken cancellationToken)
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping, cancellationToken);
            try
            {
                await Task.Delay(delay, either.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // Stopped: the caller ends what it waited for.
            }
        }

        /// <summary>One person's commands, one after the other, each at its time or as soon as the one before is answered.</summary>
        private async Task SpeakAsync(ChaosPerson person, CancellationToken stopping, CancellationToken cancellationToken)
        {
            foreach (var say in schedule.Events.OfType<SayEvent>().Where(e => e.User == person.User && e.Text.Contains(person.DeviceName, StringComparison.Ordinal)))
            {
                if (!await WaitUntilAsync(say.At, stopping, cancellationToken))
                {
                    return;
                }

                var start = Now;
                UtteranceAnswer answer;
                try
                {
                    answer = await World.SayAsync(say.Text, person.User, cancellationToken);
                }
                catch (Exception e) when (e is SmartHomeWorldException or TimeoutException or HttpRequestException or TaskCanceledException
                                          && !cancellationToken.IsCancellationRequested)
                {
                    _outcomes.AddOrUpdate("no answer", 1, (_, n) => n + 1);
                    Violate(ChaosViolationKind.NoAnswer, $"{person.User} '{say.Text}' at {start.TotalSeconds:0.0}s: {e.GetType().Name}: {e.Message}");
                    continue;
                }

                var end = Now;
                var key = ChaosRules.KeyOf(answer);
                _outcomes.AddOrUpdate(key, 1, (_, n) => n + 1);
                if (answer.Elapsed > Options.AnswerBudget + Options.Grace)
                {
                    Violate(ChaosViolationKind.OverBudget, $"{person.User} '{say.Text}' answered {key} after {answer.Elapsed.TotalSeconds:0.0} s; active: {Active(start, end)}");
                }

                if (answer.Succeeded)
                {
                    lock (_gate)
                    {
                        _expected[person] = Apply(_expected[person], say.Text);
                        _refused[person].Clear();
                    }

                    continue;
                }

                lock (_gate)
                {
                    _refused[person].Add(say.Text);
                    if (!_windows.Any(w => w.Overlaps(start, end, Now, Options.Settle) && ChaosRules.ExplainsFailure(w, person, key, Options.AnswerBudget)))
                    {
                        Violate(ChaosViolationKind.UnexplainedFailure,
                            $"{person.User} '{say.Text}' at {start.TotalSeconds:0.0}s answered {key} ('{answer.Speech}', trace {answer.TraceId}); active: {Active(start, end)}");
                    }
                }

                if (key == "LinkExpired" && person.User == "owner")
                {
                    // The person hears it and links again when the link's end is explained; else the violation stands and they relink too.
                    Log($"{start.TotalSeconds:0.0}s owner heard LinkExpired");
                }
            }
        }

        private static (string Power, int Level) Apply((string Power, int Level) state, string text) =>
            text.StartsWith("turn off", StringComparison.Ordinal) ? ("OFF", state.Level)
            : text.StartsWith("turn on", StringComparison.Ordinal) ? ("ON", state.Level)
            : ("ON", int.Parse(text.Split(' ')[^2], System.Globalization.CultureInfo.InvariantCulture));

        private async Task FaultsAsync(CancellationToken stopping, CancellationToken cancellationToken)
        {
            var running = new List<Task>();
            foreach (var fault in schedule.Events.OfType<FaultEvent>())
            {
                if (!await WaitUntilAsync(fault.At, stopping, cancellationToken))
                {
                    break;
                }

                running.Add(RunFaultAsync(fault, stopping, cancellationToken));
            }

            await Task.WhenAll(running);
        }

        private async Task RunFaultAsync(FaultEvent fault, CancellationToken stopping, CancellationToken cancellationToken)
        {
            var window = new FaultWindow(fault.Kind, fault.Target, fault.Amount, Now);
            lock (_gate)
            {
                _windows.Add(window);
            }

            try
            {
                var handle = await ApplyAsync(fault, window, cancellationToken);
                _faultLog.Enqueue($"{window.Start.TotalSeconds:0.0}s {fault.Kind} {fault.Target}{(fault.Amount == 0 ? "" : $" {fault.Amount}")}");
                Log($"{Now.TotalSeconds:0.0}s fault on: {fault}");
                if (fault.Duration > TimeSpan.Zero)
                {
                    // Stopping ends the fault early: it is undone below like any other.
                    await DelayUnlessStoppedAsync(fault.Duration, stopping, cancellationToken);
                }

                if (handle is not null)
                {
                    await UndoWithRetryAsync(handle, cancellationToken);
                }
            }
            catch (Exception e) when (e is SmartHomeWorldException or HttpRequestException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                // A switch the world could not take at that moment (say, a token fault while Redis restarts): it did not happen.
                _faultLog.Enqueue($"{window.Start.TotalSeconds:0.0}s {fault.Kind} not applied: {e.Message}");
            }
            finally
            {
                lock (_gate)
                {
                    window.End = Now;
                }
            }
        }

        private async Task<ActiveFault?> ApplyAsync(FaultEvent fault, FaultWindow window, CancellationToken cancellationToken)
        {
            var (home, device) = fault.Target.Split('/') is [var h, var d] ? (h, d) : (fault.Target, "");
            switch (fault.Kind)
            {
                case ChaosFaultKind.WifiOff:
                    return await World.Plug(home, device).WifiOffAsync(cancellationToken);
                case ChaosFaultKind.Unplug:
                    return await World.Plug(home, device).UnplugAsync(cancellationToken);
                case ChaosFaultKind.BandOff:
                    return await World.Gateway(home).BandOffAsync(cancellationToken);
                case ChaosFaultKind.BroadbandDown:
                    return await World.Gateway(home).BroadbandDownAsync(cancellationToken);
                case ChaosFaultKind.VendorOutage:
                    return await World.Vendor().OutageAsync(cancellationToken);
                case ChaosFaultKind.VendorLatency:
                    return await World.Vendor().LatencyAsync(TimeSpan.FromMilliseconds(fault.Amount), cancellationToken);
                case ChaosFaultKind.AssistantOutage:
                    return await World.Assistant().OutageAsync(cancellationToken);
                case ChaosFaultKind.RedisRestart:
                    return await World.Redis().RestartAsync(cancellationToken);
                case ChaosFaultKind.GatewayRestart:
                    return await World.Gateway().RestartAsync(cancellationToken);
                case ChaosFaultKind.ExpireTokens:
                    return await World.Vendor().ExpireAccessTokensAsync(cancellationToken);
                case ChaosFaultKind.RevokeLinks:
                    lock (_gate)
                    {
                        window.EndsLink = true;
                    }

                    await World.Vendor().RevokeLinksAsync(cancellationToken);
                    return new ActiveFault("relink", async token =>
                    {
                        await monkey.RelinkWithRetryAsync(token);
                        _linkAgeHours = 0;
                    });
                case ChaosFaultKind.ClockJump:
                    var policy = World.Options.LinkPolicy ?? LinkPolicy.SignInAge;
                    var maxAgeHours = (World.Options.LinkMaxAge ?? TimeSpan.FromDays(365)).TotalHours;
                    lock (_gate)
                    {
                        // The sign-in's age (SignInAge) or the time since the link was last used (Sliding, roughly: a jump is no use).
                        _linkAgeHours = policy == LinkPolicy.SignInAge ? _linkAgeHours + fault.Amount : fault.Amount;
                        window.EndsLink = _linkAgeHours >= maxAgeHours - 48;
                    }

                    await World.Clock.AdvanceAsync(TimeSpan.FromHours(fault.Amount), cancellationToken);
                    if (window.EndsLink)
                    {
                        // The person hears that the link expired and links again a moment later.
                        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
                        await monkey.RelinkWithRetryAsync(cancellationToken);
                        _linkAgeHours = 0;
                    }

                    return null;
                default:
                    throw new ArgumentOutOfRangeException(nameof(fault), fault.Kind, "not in the catalogue");
            }
        }

        private static async Task UndoWithRetryAsync(ActiveFault handle, CancellationToken cancellationToken)
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    await handle.UndoAsync(cancellationToken);
                    return;
                }
                catch (Exception e) when (e is SmartHomeWorldException or HttpRequestException && deadline.Elapsed < TimeSpan.FromSeconds(60))
                {
                    await Task.Delay(1000, cancellationToken);
                }
            }
        }

        /// <summary>Asks the owner's diagnosis all along; the first failing hop must be one an active fault explains.</summary>
        private async Task ProbeDiagnosisAsync(CancellationToken cancellationToken)
        {
            var owner = monkey.People[0];
            while (!cancellationToken.IsCancellationRequested)
            {
                var start = Now;
                try
                {
                    var report = await World.DiagnoseAsync(owner.DeviceName, owner.User, cancellationToken);
                    var end = Now;
                    if (report.FirstFailingHop is { } hop)
                    {
                        lock (_gate)
                        {
                            if (!_windows.Any(w => w.Overlaps(start, end, Now, Options.Settle) && ChaosRules.ExplainsHop(w, owner, hop)))
                            {
                                Violate(ChaosViolationKind.UnexplainedDiagnosis, $"at {start.TotalSeconds:0.0}s {report}; active: {Active(start, end)}");
                            }
                        }
                    }
                }
                catch (Exception e) when (e is SmartHomeWorldException or HttpRequestException or TimeoutException or System.Text.Json.JsonException
                                          && !cancellationToken.IsCancellationRequested)
                {
                    lock (_gate)
                    {
                        if (!_windows.Any(w => w.Kind == ChaosFaultKind.RedisRestart && w.Overlaps(start, Now, Now, Options.Settle)))
                        {
                            Violate(ChaosViolationKind.UnexplainedDiagnosis, $"the diagnosis did not answer at {start.TotalSeconds:0.0}s: {e.Message}");
                        }
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                try
                {
                    await Task.Delay(Options.DiagnosisEvery, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        /// <summary>Once every fault is undone: each lamp shows its last acknowledged command, the diagnosis turns healthy, a command works, no secret leaked.</summary>
        private async Task CheckAfterClearingAsync(CancellationToken cancellationToken)
        {
            try
            {
                await monkey.ClearAllAsync(cancellationToken);
                await World.EnsureLinkedAsync(cancellationToken);
                foreach (var person in monkey.People.DistinctBy(p => (p.Home, p.Device)))
                {
                    await World.Plug(person.Home, person.Device).WaitUntilOnlineAsync(true, cancellationToken);
                }

                var owner = monkey.People[0];
                await World.DiagnoseUntilAsync(null, owner.DeviceName, owner.User, cancellationToken);
            }
            catch (Exception e) when (e is SmartHomeWorldException or HttpRequestException or TimeoutException)
            {
                Violate(ChaosViolationKind.NotRecovered, $"after clearing every fault: {e.Message}");
                return;
            }

            // A refused command that was queued somewhere would arrive now.
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            foreach (var person in monkey.People)
            {
                var state = await World.Plug(person.Home, person.Device).StateAsync(cancellationToken);
                var (power, level) = _expected[person];
                if (state.Power != power || state.Brightness != level)
                {
                    var refused = _refused[person].Count == 0 ? "none" : string.Join(" | ", _refused[person]);
                    Violate(ChaosViolationKind.LampDisagrees,
                        $"{person.Home}/{person.Device} shows {state.Power} {state.Brightness}, the last acknowledged commands say {power} {level}; refused since: {refused}");
                }
            }

            foreach (var person in monkey.People)
            {
                try
                {
                    await World.SayUntilAsync($"turn on the {person.DeviceName}", "Success", person.User, cancellationToken);
                }
                catch (TimeoutException e)
                {
                    Violate(ChaosViolationKind.NotRecovered, e.Message);
                }
            }

            if (Options.CheckTelemetry)
            {
                await CheckSecretsAsync(cancellationToken);
            }
        }

        private async Task CheckSecretsAsync(CancellationToken cancellationToken)
        {
            var secrets = World.Secrets.All;
            var logs = await World.Logs.GetAsync(cancellationToken: cancellationToken);
            foreach (var log in logs)
            {
                if (secrets.FirstOrDefault(s => log.Message.Contains(s, StringComparison.Ordinal)) is { } secret)
                {
                    Violate(ChaosViolationKind.SecretInTelemetry, $"a log record of {log.Service} ({log.Category}) holds a secret ({secret[..6]}...)");
                }
            }

            var spans = await World.Traces.ListAsync(limit: 500, cancellationToken: cancellationToken);
            foreach (var span in spans)
            {
                var text = span.Name + " " + span.StatusMessage + " " + string.Join(" ", span.Attributes.Values);
                if (secrets.FirstOrDefault(s => text.Contains(s, StringComparison.Ordinal)) is { } secret)
                {
                    Violate(ChaosViolationKind.SecretInTelemetry, $"span {span} holds a secret ({secret[..6]}...)");
                }
            }
        }

        private string Active(TimeSpan from, TimeSpan to)
        {
            var active = _windows.Where(w => w.Overlaps(from, to, Now, Options.Settle)).ToList();
            return active.Count == 0 ? "no fault" : string.Join(", ", active);
        }

        private void Violate(ChaosViolationKind kind, string detail)
        {
            var violation = new ChaosViolation(kind, Now, detail);
            _violations.Enqueue(violation);
            monkey.Log("VIOLATION " + violation);
        }

        private void Log(string message) => monkey.Log(message);
    }
}
