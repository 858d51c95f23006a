using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;

namespace Ihec.Portal.Features.Organisations.Components;

internal static class FormErrors
{
    /// <summary>Shows the service's errors on the form: next to fields, or as the form's own error.</summary>
    public static string? Show(IEnumerable<FieldError> errors, EditContext editContext, ValidationMessageStore store,
        IStringLocalizer<OrganisationsText> text, IStringLocalizer<SharedText> shared)
    {
        string? formError = null;
        foreach (var error in errors)
        {
            var message = error.Localise(text, shared);
            if (string.IsNullOrEmpty(error.Field))
            {
                formError = message;
            }
            else
            {
                store.Add(editContext.Field(error.Field), message);
            }
        }

        editContext.NotifyValidationStateChanged();
        return formError;
    }
}
