using Ihec.Portal.Features.Accounts;
using Ihec.Portal.Infrastructure.Demo;

namespace Ihec.Portal.Tests.Accounts;

public sealed class DemoBannerTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_start_up_banner_says_what_the_two_factor_setting_is(bool demoAccountsSkipTwoFactor)
    {
        var text = DemoData.Banner(null, "Demo-Password-2026", new AccountOptions { DemoAccountsSkipTwoFactor = demoAccountsSkipTwoFactor });

        Assert.Equal(demoAccountsSkipTwoFactor, text.Contains("two-factor is off for demo accounts", StringComparison.Ordinal));
        Assert.Equal(!demoAccountsSkipTwoFactor, text.Contains("must set up an authenticator app", StringComparison.Ordinal));
    }
}
