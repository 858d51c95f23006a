using Ihec.Portal.Features.Organisations;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;

namespace Ihec.Portal.Features.Violations.Components;

internal static class ViolationFormErrors
{
    public static string Localise(FieldError error, IStringLocalizer<ViolationsText> module, IStringLocalizer<SharedText> shared)
    {
        var args = error.Args ?? [];
        var text = module[error.Key, args];
        if (!text.ResourceNotFound)
        {
            return text.Value;
        }

        text = shared[error.Key, args];
        return text.ResourceNotFound ? shared["Invalid"].Value : text.Value;
    }

    /// <summary>Shows the service's errors on the form: next to fields, or as the form's own error.</summary>
    public static string? Show(IEnumerable<FieldError> errors, EditContext editContext, ValidationMessageStore store,
        IStringLocalizer<ViolationsText> text, IStringLocalizer<SharedText> shared)
    {
        string? formError = null;
        foreach (var error in errors)
        {
            var message = Localise(error, text, shared);
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
