using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using SmartHome.Testing;

namespace SmartHome.PolicyStudy;

/// <summary>
/// One policy's run: a fleet world of its own (AppHost parameters <c>link-policy</c> and <c>fleet-homes</c>), driven a day
/// at a time through the real services. Per day: the world's clock moves one day; the day's events (broadband, password
/// changes, skill disabled or enabled, re-links, app sign-ins) happen; every household that uses the lamp that day says
/// so to the assistant, all at once; whoever got "the skill is not responding" says it again 15 s later (the clock moves
/// 15 s). Every token decision is the services' own: the assistant refreshes when its access token is due, the vendor's
/// policy and reuse detection answer, the assistant expires the link on <c>invalid_grant</c>.
/// </summary>
public sealed class PolicyRun(StudyOptions options, TextWriter log)
{
    /// <summary>A person whose command failed says it again after this long.</summary>
    public static readonly TimeSpan RepeatAfter = TimeSpan.FromSeconds(15);

    /// <summary>A lock-out is "active" (the story's harm) when the lamp worked within this many days before it.</summary>
    public const int ActiveWithinDays = 7;

    /// <summary>The services' log levels for the run: warnings and errors only.</summary>
    private static readonly Dictionary<string, string> Quiet = new()
    {
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__SmartHome"] = "Warning",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
    };

    /// <summary>
    /// The services' settings for the run (unless --telemetry): warnings and errors logged, nothing else. Without
    /// OpenTelemetry (OTEL_SDK_DISABLED) no span is made or sampled, no metric is exported every second, and no Redis
    /// command is profiled for a trace that would be dropped (Aspire's Redis tracing off). Measured side by side with
    /// --telemetry (docs/policy-study.md): about 30 % less CPU per use. Nothing the study counts comes from telemetry.
    /// </summary>
    private static readonly Dictionary<string, string> Lean = new(Quiet)
    {
        ["OTEL_SDK_DISABLED"] = "true",
        ["Aspire__StackExchange__Redis__DisableTracing"] = "true",
        // The thread pool's idle workers spin (sched_yield) before they sleep: on a shared 2-core machine that spinning
        // was a large share of every service's CPU. Without it a worker sleeps at once and is woken when work comes.
        ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0",
    };

    /// <summary>The study's MQTT and uplink keep-alive (the default world's: 2 s and 5 s).</summary>
    private const int QuietLineKeepAliveSeconds = 60;

    private int _lostAnswers;
    private int _callErrors;

    public async Task<PolicyResult> RunAsync(string policy, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        log.WriteLine($"[{policy}] starting a fleet of {options.Households} homes ...");
        await using var world = await SmartHomeWorld.StartAsync(world =>
        {
            world.LinkPolicy = policy;
            world.FleetHomes = options.Households;
            // Tracing is not what the study looks at: keep none of it (a shortcut for speed; no token decision depends on it).
            world.AppHostArguments.Add("--Parameters:trace-sampling-ratio=0");
            if (!options.ThroughProxy)
            {
                // One loopback connection a request instead of two: Aspire's proxy spreads requests over replicas, and a
                // study world has one of each cloud.
                world.AppHostArguments.Add("--AppHost:DirectCloudEndpoints=true");
            }

            // The study never restarts Redis: its append-only file is committed once a second instead of at every write.
            world.AppHostArguments.Add("--Redis:AppendFsync=everysec");
            // A thousand homes' keep-alives are real-time chatter no simulated day needs: every plug's MQTT PINGREQ (2 s by
            // default) and every uplink's WebSocket PING (5 s) once a minute instead. They exist to notice a line that dies
            // without a word; the study's broadband cuts and stops are never silent (the gateway cuts the connection).
            world.AppHostArguments.Add($"--Parameters:mqtt-keep-alive-seconds={QuietLineKeepAliveSeconds}");
            world.StartTimeout = TimeSpan.FromMinutes(10);
            world.RequestTimeout = TimeSpan.FromMinutes(1);
            world.EventuallyTimeout = TimeSpan.FromMinutes(2);
            // The vendor's per-address limits count real seconds, and a simulated day here passes in a fraction of one: the
            // assistant's one address would be throttled for refreshing each person once a simulated day. Lifted for the study
            // (wrong-password throttling stays as it is).
            var settings = options.Telemetry ? Quiet : Lean;
            world.ResourceEnvironment["vendorcloud"] = new Dictionary<string, string>(settings)
            {
                ["Throttling__TokenRequestBurst"] = "1000000",
                ["Throttling__TokenRequestsPerSecond"] = "1000000",
                ["Throttling__SignInRequestBurst"] = "1000000",
                ["Throttling__SignInRequestsPerMinute"] = "1000000",
                // Thousands of sign-ins and re-links a simulated year, each a PBKDF2 check: the study's passwords are hashed
                // with 1,000 iterations instead of 100,000 (the cost of a sign-in, never its answer).
                ["Security__PasswordHashIterations"] = "1000",
            };
            // Information logs of every refresh and command are not what the study reads: warnings and errors only.
            world.ResourceEnvironment["assistantcloud"] = new Dictionary<string, string>(settings);
            world.ResourceEnvironment["devicegateway"] = new Dictionary<string, string>(settings)
            {
                ["Uplink__KeepAliveSeconds"] = QuietLineKeepAliveSeconds.ToString(CultureInfo.InvariantCulture),
            };
            world.ResourceEnvironment["simulatedplug"] = new Dictionary<string, string>(settings);
            if (!options.Telemetry)
            {
                // Garnet (the embedded Redis) is a .NET process too: its idle workers need not spin either.
                world.ResourceEnvironment["redis"] = new Dictionary<string, string> { ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0" };
            }
        }, cancellationToken);
        var startSeconds = started.Elapsed.TotalSeconds;
        log.WriteLine($"[{policy}] healthy after {startSeconds:0} s");
        using var calls = new StudyWorld(world);

        var startDate = DateOnly.FromDateTime((await calls.NowAsync(cancellationToken)).UtcDateTime);
        var patterns = UsageMix.Assign(options.Households, options.Seed);
        var households = Enumerable.Range(1, options.Households)
            .Select(n => new HouseholdState(
                new HouseholdPlan(n, patterns[n - 1], options.Seed, options.Days, startDate, options.LostAnswerShare),
                calls.Person(n).Password))
            .ToList();
        var (refreshesBefore, failuresBefore) = await calls.RefreshCountsAsync(cancellationToken);
        var linked = new List<LinkedShare> { new(0, (await SampleLinkedAsync(calls, households, 0, cancellationToken)).Share) };
        // Days a stopped household's grant stayed alive after its last use, counted at each sample for the days since the last:
        // the security side over the whole run, where stale_grants is only its last day.
        var staleGrantDays = 0;

        var running = Stopwatch.StartNew();
        // Where the run's time goes, printed with the progress lines: the clock, the day's events, the uses, the samples.
        var phases = new PhaseTimes();
        for (var day = 1; day <= options.Days; day++)
        {
            var today = day;
            await phases.TimeAsync("clock", () => calls.AdvanceClockAsync(TimeSpan.FromDays(1), cancellationToken));
            var repeat = new ConcurrentBag<HouseholdState>();
            var armed = new ConcurrentBag<HouseholdState>();
            // A household's events come before its own use that day; nobody's events touch another household's link. So the
            // households with nothing happening use the skill at once, beside the others' events (sign-ins, re-links, password
            // changes, broadband), which are chains of requests that would otherwise hold the whole day for their length.
            var byEvents = households.ToLookup(h => h.MayHaveEventsOn(today));
            var eventful = byEvents[true].ToList();
            var quiet = byEvents[false].Where(h => h.Plan.UsesOn(today)).ToList();
            await phases.TimeAsync("uses", () => Task.WhenAll(
                UseAllAsync(calls, quiet, today, repeat, armed, cancellationToken),
                EventfulDayAsync(calls, eventful, today, phases, repeat, armed, cancellationToken)));
            if (!repeat.IsEmpty)
            {
                await phases.TimeAsync("repeats", async () =>
                {
                    await calls.AdvanceClockAsync(RepeatAfter, cancellationToken);
                    await UseAllAsync(calls, [.. repeat], today, again: null, armed: null, cancellationToken);
                });
            }

            if (!armed.IsEmpty)
            {
                await phases.TimeAsync("disarms", () => DisarmAsync(calls, armed, cancellationToken));
            }

            if (day % options.SampleEveryDays == 0 || day == options.Days)
            {
                await phases.TimeAsync("samples", async () =>
                {
                    var (share, staleAlive) = await SampleLinkedAsync(calls, households, today, cancellationToken);
                    staleGrantDays += staleAlive * (today - linked[^1].Day);
                    linked.Add(new LinkedShare(today, share));
                });
            }

            if (day % 30 == 0 || day == options.Days)
            {
                log.WriteLine($"[{policy}] day {day}/{options.Days}: linked {linked[^1].Share:P0}, locked out so far {households.Count(h => h.Lockouts > 0)}, "
                              + $"uses so far {households.Sum(h => h.Commands)}, "
                              + $"{running.Elapsed.TotalSeconds:0} s ({phases})");
            }
        }

        var finalByEmail = await calls.NewestGrantStatesAsync(households.Select(h => calls.Person(h.Plan.Number)), cancellationToken);
        var finalStates = households.ToDictionary(h => h.Plan.Number, h => finalByEmail.GetValueOrDefault(calls.Person(h.Plan.Number).Email, "none"));
        var (refreshesAfter, failuresAfter) = await calls.RefreshCountsAsync(cancellationToken);
        var runSeconds = running.Elapsed.TotalSeconds;
        if (_callErrors > 0)
        {
            log.WriteLine($"[{policy}] {_callErrors} calls failed with an error of their own (counted as failed commands where they were commands)");
        }

        var firstLockouts = households.Where(h => h.FirstLockoutDay is not null).Select(h => (double)h.FirstLockoutDay!.Value).Order().ToList();
        return new PolicyResult(
            policy,
            options.Households,
            options.Days,
            Lockouts: households.Count(h => h.Lockouts > 0),
            ActiveLockouts: households.Count(h => h.ActiveLockouts > 0),
            MedianDaysToFirstLockout: firstLockouts.Count == 0 ? null : Median(firstLockouts),
            Relinks: households.Sum(h => h.ForcedRelinks),
            Commands: households.Sum(h => h.Commands),
            FailedCommands: households.Sum(h => h.FailedCommands),
            StaleGrants: households.Count(h => h.Plan.Pattern == UsagePattern.Stopped && finalStates[h.Plan.Number] == "active"),
            Refreshes: refreshesAfter - refreshesBefore,
            RefreshFailures: failuresAfter - failuresBefore,
            LostAnswers: _lostAnswers,
            LockoutsByReason: households.SelectMany(h => h.LockoutReasons).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count()),
            Linked: linked,
            HouseholdOutcomes: [.. households.Select(h => new HouseholdOutcome(h.Plan.Number, calls.Person(h.Plan.Number).User, h.Plan.Pattern,
                h.Lockouts, h.ActiveLockouts, h.FirstLockoutDay, h.ForcedRelinks, h.Commands, h.FailedCommands, h.SignIns, h.LockoutReasons,
                finalStates[h.Plan.Number], h.FullCommands))],
            StartSeconds: startSeconds,
            RunSeconds: runSeconds,
            FullCommands: households.Sum(h => h.FullCommands),
            StaleGrantDays: staleGrantDays);
    }

    /// <summary>The households that may have events today: their events first, then the uses of those who use the lamp today.</summary>
    private async Task EventfulDayAsync(StudyWorld calls, IReadOnlyList<HouseholdState> eventful, int day, PhaseTimes phases,
        ConcurrentBag<HouseholdState> repeat, ConcurrentBag<HouseholdState> armed, CancellationToken cancellationToken)
    {
        await phases.TimeAsync("events", () => ForEachAsync(eventful, h => StartOfDayAsync(calls, h, day, cancellationToken), cancellationToken));
        await UseAllAsync(calls, [.. eventful.Where(h => h.Plan.UsesOn(day))], day, repeat, armed, cancellationToken);
    }

    /// <summary>
    /// At the end of the day, the lost answers no refresh took (a link made that day has fresh tokens; a home whose use
    /// failed before the token) are dropped, so that an arm never waits for a later day; only the answers really lost count.
    /// </summary>
    private async Task DisarmAsync(StudyWorld calls, IEnumerable<HouseholdState> armed, CancellationToken cancellationToken) =>
        await ForEachAsync(armed, h => GuardAsync(async () =>
        {
            var left = await calls.DisarmLostRefreshAnswersAsync(calls.Person(h.Plan.Number), cancellationToken);
            Interlocked.Add(ref _lostAnswers, -left);
        }), cancellationToken);

    /// <summary>The household's events of the day, before it uses the lamp (<see cref="HouseholdState.MayHaveEventsOn"/> says who has any).</summary>
    private async Task StartOfDayAsync(StudyWorld calls, HouseholdState h, int day, CancellationToken cancellationToken)
    {
        var plan = h.Plan;
        var person = calls.Person(plan.Number);
        await GuardAsync(async () =>
        {
            if (plan.LosesBroadbandOn(day))
            {
                await calls.BroadbandAsync(person, down: true, cancellationToken);
                h.Offline = true;
            }

            if (plan.RegainsBroadbandOn(day))
            {
                await calls.BroadbandAsync(person, down: false, cancellationToken);
                h.Offline = false;
            }

            if (plan.ChangesPasswordOn(day))
            {
                var next = $"study-{plan.Number}-{day}-{Guid.NewGuid():N}";
                await calls.ChangePasswordAsync(person, h.Password, next, cancellationToken);
                h.Password = next;
            }

            if (plan.DisablesSkillOn(day) && h.Standing != LinkStanding.Disabled)
            {
                h.Standing = LinkStanding.Disabled;
                h.RelinkDay = null;
                await calls.DisableSkillAsync(person, cancellationToken);
            }

            if (plan.EnablesSkillOn(day) && h.Standing == LinkStanding.Disabled)
            {
                await calls.RelinkAsync(person, h.Password, cancellationToken);
                h.Standing = LinkStanding.Linked;
            }

            if (h is { Standing: LinkStanding.LockedOut, RelinkDay: { } due } && due <= day && !plan.HasStoppedBy(day))
            {
                await calls.RelinkAsync(person, h.Password, cancellationToken);
                h.Standing = LinkStanding.Linked;
                h.RelinkDay = null;
                h.ForcedRelinks++;
            }

            if (plan.SignsInOn(day))
            {
                await calls.SignInAsync(person, h.Password, cancellationToken);
                h.SignIns++;
            }
        });
    }

    /// <summary>
    /// The households that use the lamp now: on a first try, the lossy network is armed for those whose refresh answer it
    /// loses today (they go into <paramref name="armed"/>, disarmed at the end of the day); then a home that is offline, and the seeded sample (<see cref="StudyOptions.FullCommandShare"/>), say
    /// the full command through the home, and everyone else uses the skill as far as the token, all in one request to the
    /// assistant (<see cref="StudyWorld.UseTokensAsync"/>). Whoever got "not responding" goes into <paramref name="again"/>.
    /// </summary>
    private async Task UseAllAsync(StudyWorld calls, IReadOnlyList<HouseholdState> users, int day, ConcurrentBag<HouseholdState>? again,
        ConcurrentBag<HouseholdState>? armed, CancellationToken cancellationToken)
    {
        var enabled = users.Where(h => h.Standing != LinkStanding.Disabled).ToList();
        if (armed is not null)
        {
            await ForEachAsync(enabled.Where(h => h.Standing == LinkStanding.Linked && h.Plan.LosesRefreshAnswerOn(day)), h => GuardAsync(async () =>
            {
                await calls.LoseNextRefreshAnswerAsync(calls.Person(h.Plan.Number), cancellationToken);
                armed.Add(h);
                Interlocked.Increment(ref _lostAnswers);
            }), cancellationToken);
        }

        var full = enabled.Where(h => h.Offline || h.Plan.SendsFullCommandOn(day, options.FullCommandShare)).ToHashSet();
        var tokenOnly = enabled.Where(h => !full.Contains(h)).ToList();

        var commands = ForEachAsync(full, async h =>
        {
            var person = calls.Person(h.Plan.Number);
            var outcome = "Error";
            await GuardAsync(async () =>
                outcome = await calls.SayAsync(person.User, day % 2 == 0 ? "turn on the bedroom lamp" : "turn off the bedroom lamp", cancellationToken));
            h.FullCommands++;
            await OutcomeAsync(calls, h, day, outcome, again, cancellationToken);
        }, cancellationToken);

        var tokenUses = Task.CompletedTask;
        if (tokenOnly.Count > 0)
        {
            tokenUses = Task.Run(async () =>
            {
                IReadOnlyDictionary<string, string> outcomes = new Dictionary<string, string>();
                await GuardAsync(async () => outcomes = await calls.UseTokensAsync(
                    [.. tokenOnly.Select(h => calls.Person(h.Plan.Number).User)], options.Parallelism, cancellationToken));
                await ForEachAsync(tokenOnly, h => OutcomeAsync(calls, h, day,
                    outcomes.TryGetValue(calls.Person(h.Plan.Number).User, out var outcome) ? outcome : "Error", again, cancellationToken), cancellationToken);
            }, cancellationToken);
        }

        await Task.WhenAll(commands, tokenUses);
    }

    /// <summary>Counts one use's outcome; a first try that got "not responding" goes into <paramref name="again"/>.</summary>
    private async Task OutcomeAsync(StudyWorld calls, HouseholdState h, int day, string outcome, ConcurrentBag<HouseholdState>? again,
        CancellationToken cancellationToken)
    {
        h.Commands++;
        if (options.Verbose && outcome != "Success")
        {
            log.WriteLine($"  day {day} {calls.Person(h.Plan.Number).User} ({h.Plan.Pattern}){(again is null ? " again" : "")}: {outcome}");
        }

        switch (outcome)
        {
            case "Success":
                h.LastSuccessDay = day;
                break;
            case "LinkExpired" or "NotLinked":
                h.FailedCommands++;
                if (h.Standing == LinkStanding.Linked)
                {
                    await LockedOutAsync(calls, h, day, cancellationToken);
                }

                break;
            case "ServiceUnavailable":
                h.FailedCommands++;
                again?.Add(h);
                break;
            default:
                h.FailedCommands++;
                break;
        }
    }

    private async Task LockedOutAsync(StudyWorld calls, HouseholdState h, int day, CancellationToken cancellationToken)
    {
        h.Lockouts++;
        h.FirstLockoutDay ??= day;
        if (h.LastSuccessDay > 0 && day - h.LastSuccessDay <= ActiveWithinDays)
        {
            h.ActiveLockouts++;
        }

        h.Standing = LinkStanding.LockedOut;
        h.RelinkDay = day + h.Plan.NoticeToRelinkDays(day);
        var reason = "unknown";
        await GuardAsync(async () =>
        {
            var (state, revokedReason) = await calls.NewestGrantAsync(calls.Person(h.Plan.Number), cancellationToken);
            reason = revokedReason ?? state;
        });
        h.LockoutReasons.Add(reason);
    }

    /// <summary>
    /// The share of households whose newest grant is alive, and how many of them stopped using the skill before
    /// <paramref name="day"/> (stale grants). One request per hundred households: the vendor's view, read in bulk (a failed
    /// request counts its hundred as not linked, and is counted as a call error).
    /// </summary>
    private async Task<(double Share, int StaleAlive)> SampleLinkedAsync(StudyWorld calls, IReadOnlyList<HouseholdState> households, int day,
        CancellationToken cancellationToken)
    {
        var alive = 0;
        var staleAlive = 0;
        await ForEachAsync(households.Chunk(StudyWorld.NewestGrantsPerRequest), async chunk =>
        {
            await GuardAsync(async () =>
            {
                var states = await calls.NewestGrantStatesAsync(chunk.Select(h => calls.Person(h.Plan.Number)), cancellationToken);
                var active = chunk.Where(h => states.GetValueOrDefault(calls.Person(h.Plan.Number).Email) == "active").ToList();
                Interlocked.Add(ref alive, active.Count);
                Interlocked.Add(ref staleAlive, active.Count(h => h.Plan.HasStoppedBy(day)));
            });
        }, cancellationToken);
        return ((double)alive / households.Count, staleAlive);
    }

    private Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
            async (item, _) => await body(item));

    /// <summary>A call that failed by itself (a timeout, an error answer) is logged and counted; the study goes on.</summary>
    private async Task GuardAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or SmartHomeWorldException or System.Text.Json.JsonException)
        {
            if (Interlocked.Increment(ref _callErrors) <= 5)
            {
                log.WriteLine($"  call failed: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    private static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
