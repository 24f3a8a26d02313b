using PeerMentor365.Provisioning;

return await ProvisioningCommand.Create().Parse(args).InvokeAsync();
