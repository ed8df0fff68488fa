using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentGate.Gateway.Budgets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Tests.Budgets;

public sealed class BudgetAdminEndpointsTests
{
    [Fact]
    public async Task MapBudgetAdmin_GetAndPut_ShowsSpendAndSetsLimit()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["AgentGate:Budgets:Agent:Tokens"] = "5000";
        builder.Services.AddBudgets(builder.Configuration);
        await using var app = builder.Build();
        app.MapBudgetAdmin();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var admission = app.Services.GetRequiredService<BudgetAdmission>();
        var admitted = await admission.AdmitAsync(BudgetTestHost.Request("builder-17", 100, 100), CancellationToken.None);
        await admission.SettleAsync(admitted.Reservation!, 40, 60, 0, 200, null, CancellationToken.None);

        var put = await client.PutAsJsonAsync("/admin/budgets/limits/agent:builder-17:tokens", new { limit = 150 });
        var bad = await client.PutAsJsonAsync("/admin/budgets/limits/nope", new { limit = 1 });
        using var json = JsonDocument.Parse(await client.GetStringAsync("/admin/budgets"));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var limit = json.RootElement.GetProperty("limits").EnumerateArray().Single(l => l.GetProperty("id").GetString() == "agent:builder-17:tokens");
        Assert.Equal(100, limit.GetProperty("spent").GetDecimal());
        Assert.Equal(150, limit.GetProperty("limit").GetDecimal());
        Assert.True(limit.GetProperty("overridden").GetBoolean());
        var next = await admission.AdmitAsync(BudgetTestHost.Request("builder-17", 100, 100), CancellationToken.None);
        Assert.Equal("agent:builder-17:tokens", next.Rejection?.Rule);
    }
}
