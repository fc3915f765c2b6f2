import { forgetMemberData } from './memberData';

describe('forgetMemberData', () => {
  it('removes what was kept for the member and keeps the browser’s language', () => {
    localStorage.setItem('kyoso.draft.m1.general', '{"title":"下書き"}');
    localStorage.setItem('kyoso.reactions.m1.p1', '["👍"]');
    localStorage.setItem('kyoso.subscription.m1.channel.general', 'WATCHING');
    localStorage.setItem('kyoso.channelsSeen.m1', '{}');
    localStorage.setItem('kyoso.language', 'en');
    forgetMemberData();
    expect(localStorage.getItem('kyoso.draft.m1.general')).toBeNull();
    expect(localStorage.getItem('kyoso.reactions.m1.p1')).toBeNull();
    expect(localStorage.getItem('kyoso.subscription.m1.channel.general')).toBeNull();
    expect(localStorage.getItem('kyoso.channelsSeen.m1')).toBeNull();
    expect(localStorage.getItem('kyoso.language')).toBe('en');
  });
});
