using Ihec.Portal.Components;
using Ihec.Portal.Features.Accounts;
using Ihec.Portal.Features.Admin;
using Ihec.Portal.Features.Announcements;
using Ihec.Portal.Features.Chat;
using Ihec.Portal.Features.Home;
using Ihec.Portal.Features.Library;
using Ihec.Portal.Features.Organisations;
using Ihec.Portal.Features.Reports;
using Ihec.Portal.Features.Rumours;
using Ihec.Portal.Features.Statistics;
using Ihec.Portal.Features.Violations;
using Ihec.Portal.Infrastructure;
using Ihec.Portal.Infrastructure.Data;

if (args is ["backup" or "restore", ..])
{
    return await PortalBackup.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

try
{
    builder.AddPortalInfrastructure();
}
catch (DataFolderLockedException locked)
{
    await Console.Error.WriteLineAsync(locked.Message);
    return DataFolderLockedException.ExitCode;
}

builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddOrganisations();
builder.Services.AddAdmin();
builder.Services.AddHome(builder.Configuration);
builder.Services.AddStatistics(builder.Configuration);
builder.Services.AddLibrary(builder.Configuration);
builder.Services.AddRumours(builder.Configuration);
builder.Services.AddReports();
builder.Services.AddViolations(builder.Configuration);
builder.Services.AddChat(builder.Configuration);
builder.Services.AddAnnouncements();

var app = builder.Build();

app.UsePortalPipeline();
app.MapAccounts();
app.MapOrganisations();
app.MapAdmin();
app.MapHome();
app.MapStatistics();
app.MapLibrary();
app.MapRumours();
app.MapReports();
app.MapViolations();
app.MapChat();
app.MapPortalComponents();

await app.PrepareAsync();
app.Run();
return 0;

/// <summary>Visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
