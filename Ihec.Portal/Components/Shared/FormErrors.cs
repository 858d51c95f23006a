using Ihec.Portal.Features.Organisations;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;

namespace Ihec.Portal.Components.Shared;

/// <summary>Puts a service's <see cref="FieldError"/>s on a form, localised by the module's text, else the shared text.</summary>
internal static class FormErrors
{
    /// <summary>Shows the service's errors on the form: next to fields, or as the form's own error.</summary>
    public static string? Show(IEnumerable<FieldError> errors, EditContext editContext, ValidationMessageStore store,
        IStringLocalizer module, IStringLocalizer<SharedText> shared)
    {
        string? formError = null;
        foreach (var error in errors)
        {
            var message = error.Localise(module, shared);
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
