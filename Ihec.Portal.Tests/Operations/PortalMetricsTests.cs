using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Features.Statistics;
using Ihec.Portal.Infrastructure.Operations;
using Ihec.Portal.Tests.Chat;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Portal.Tests.Operations;

public sealed class PortalMetricsTests(ChatPortal portal) : IClassFixture<ChatPortal>
{
    [Fact]
    public async Task Hub_connections_stored_chat_messages_and_tally_engine_calls_are_counted()
    {
        using var recorder = new MeasurementRecorder(portal.Services.GetRequiredService<IMeterFactory>());

        await using (var member = await portal.ConnectAsync(ChatPortal.TammuzMember))
        {
            await recorder.WaitForAsync(m => m.Instrument == "ihec.portal.hub.connections" && Equals(m.Tag("hub"), nameof(ChatHub)));
            var started = await member.InvokeAsync<ChatResult<ConversationView>>("Start", "metrics " + Guid.NewGuid().ToString("N")[..6], "ar");
            var sent = await member.InvokeAsync<ChatResult<ChatMessageView>>("Send", started.Value!.Id, Guid.NewGuid().ToString("N"), "counted");
            Assert.True(sent.Succeeded);
        }

        await recorder.WaitForAsync(m => m.Instrument == "ihec.portal.hub.active_connections" && m.Value == -1);
        var stored = recorder.Where("ihec.portal.chat.messages_stored");
        Assert.Equal(1.0, stored.Sum(m => m.Value));
        Assert.Equal(nameof(ChatMessageKind.Message), stored.Single().Tag("chat.message.kind"));

        var engine = portal.Services.GetRequiredService<ITallyEngine>();
        var answer = await engine.GetElectionsAsync(null, CancellationToken.None);

        Assert.Equal(FetchStatus.Ok, answer.Status);
        Assert.Contains(recorder.Where("ihec.portal.tally_engine.calls"),
            m => Equals(m.Tag("tally_engine.operation"), "elections") && Equals(m.Tag("tally_engine.outcome"), "ok") && m.Value == 1);
        Assert.Contains(recorder.Where("ihec.portal.tally_engine.call.duration"), m => Equals(m.Tag("tally_engine.operation"), "elections"));
    }

    [Fact]
    public async Task A_message_sent_twice_with_one_client_id_is_counted_once()
    {
        using var recorder = new MeasurementRecorder(portal.Services.GetRequiredService<IMeterFactory>());
        await using var member = await portal.ConnectAsync(ChatPortal.TammuzMember);
        var started = await member.InvokeAsync<ChatResult<ConversationView>>("Start", "metrics " + Guid.NewGuid().ToString("N")[..6], "ar");
        var clientId = Guid.NewGuid().ToString("N");

        var first = await member.InvokeAsync<ChatResult<ChatMessageView>>("Send", started.Value!.Id, clientId, "once");
        var again = await member.InvokeAsync<ChatResult<ChatMessageView>>("Send", started.Value!.Id, clientId, "once");

        Assert.Equal(first.Value!.Sequence, again.Value!.Sequence);
        Assert.Equal(1.0, recorder.Where("ihec.portal.chat.messages_stored").Sum(m => m.Value));
    }

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
    {
        public object? Tag(string name) => Tags.GetValueOrDefault(name);
    }

    /// <summary>Listens to the portal's meter of this one host only (its <see cref="IMeterFactory"/>), not other tests' hosts.</summary>
    private sealed class MeasurementRecorder : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly ConcurrentQueue<Measurement> measurements = new();
        private readonly List<(Func<Measurement, bool> Condition, TaskCompletionSource Done)> waiters = [];

        public MeasurementRecorder(IMeterFactory meters)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == PortalMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
            listener.Start();
        }

        public IReadOnlyList<Measurement> Where(string instrument) => measurements.Where(m => m.Instrument == instrument).ToList();

        public Task WaitForAsync(Func<Measurement, bool> condition)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (waiters)
            {
                if (measurements.Any(condition))
                {
                    return Task.CompletedTask;
                }

                waiters.Add((condition, done));
            }

            return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var measurement = new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value));
            lock (waiters)
            {
                measurements.Enqueue(measurement);
                foreach (var waiter in waiters.Where(w => w.Condition(measurement)).ToList())
                {
                    waiters.Remove(waiter);
                    waiter.Done.TrySetResult();
                }
            }
        }

        public void Dispose() => listener.Dispose();
    }
}
