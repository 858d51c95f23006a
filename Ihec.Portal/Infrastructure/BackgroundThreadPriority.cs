using System.Runtime.InteropServices;

namespace Ihec.Portal.Infrastructure;

/// <summary>
/// Lowers the scheduling priority of the calling thread, for background work that should only use processor time the
/// requests leave over (the chat transcript indexer). On Linux a thread's nice value is its own
/// (<c>setpriority(PRIO_PROCESS, tid, 19)</c>; raising it needs no privilege); elsewhere <see cref="Thread.Priority"/>.
/// Best effort: a failure leaves the thread as it was.
/// </summary>
internal static partial class BackgroundThreadPriority
{
    private const int PrioProcess = 0;
    private const int Lowest = 19;

    public static bool LowerCurrentThread()
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                return setpriority(PrioProcess, gettid(), Lowest) == 0;
            }

            Thread.CurrentThread.Priority = ThreadPriority.Lowest;
            return true;
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setpriority(int which, int who, int prio);

    [LibraryImport("libc")]
    private static partial int gettid();
}
