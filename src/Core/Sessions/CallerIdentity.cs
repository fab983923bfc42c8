namespace SessionEffects;

/// <summary>Who a session is, as STS <c>GetCallerIdentity</c> reports it.</summary>
/// <param name="Account">The 12-digit AWS account id.</param>
/// <param name="Arn">The ARN of the user or assumed role.</param>
/// <param name="UserId">The unique id of the calling entity.</param>
public sealed record CallerIdentity(string Account, string Arn, string UserId);
