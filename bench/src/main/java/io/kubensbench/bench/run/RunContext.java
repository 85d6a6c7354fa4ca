package io.kubensbench.bench.run;

import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.target.Target;
import java.util.concurrent.atomic.AtomicBoolean;

/** What every part of a campaign's runs shares: the target, the campaign, the console and the stop flag. */
record RunContext(Target target, CampaignSpec spec, Progress progress, AtomicBoolean stop) {
}
