import type { BankTopic } from './types';

export const machineLearning: BankTopic = {
  id: 'machine-learning',
  label: 'Machine Learning',
  entries: [
    [
      'easy',
      'What is the difference between supervised, unsupervised and reinforcement learning?',
      'Supervised learning trains a model on labelled examples, pairs of inputs and correct outputs, to predict labels for new inputs: classification for categories, regression for numbers. Unsupervised learning finds structure in unlabelled data, such as clusters, lower-dimensional representations or anomalies. Reinforcement learning trains an agent to take actions in an environment to maximise cumulative reward through trial and error, as in game playing or robotics. Self-supervised learning, used to pre-train large language models, creates labels from the data itself, such as predicting the next word.',
    ],
    [
      'easy',
      'What are overfitting and underfitting, and how do you address them?',
      'Overfitting is when a model learns the training data too closely, including its noise, so it performs well on training data but poorly on new data; underfitting is when the model is too simple to capture the underlying pattern and performs poorly on both. You detect them by comparing training and validation performance. Overfitting is reduced with more data, regularisation such as L1, L2 or dropout, simpler models, early stopping and data augmentation. Underfitting is addressed with more expressive models, better features, or training longer.',
    ],
    [
      'easy',
      'Why do we split data into training, validation and test sets?',
      "The training set is used to fit the model's parameters. The validation set is used to tune hyperparameters and choose between models, and because these choices are fitted to it, performance on it becomes optimistically biased. The test set is held out until the very end to give an unbiased estimate of performance on unseen data, and it should be used once. For small datasets, cross-validation reuses data efficiently, and for time series the split must respect time order to avoid leaking the future into training.",
    ],
    [
      'medium',
      'Explain the bias-variance trade-off.',
      "A model's expected error on new data can be decomposed into bias, variance and irreducible noise. Bias is error from overly simple assumptions, which makes the model miss real patterns (underfitting). Variance is error from sensitivity to the particular training sample, which makes the model fit noise (overfitting). Increasing model complexity usually lowers bias but raises variance, so the goal is the complexity that minimises total error on validation data. Ensembles help: bagging reduces variance and boosting reduces bias.",
    ],
    [
      'medium',
      'What are precision, recall and F1 score, and when does each matter?',
      'Precision is the fraction of predicted positives that are truly positive, TP / (TP + FP), and recall is the fraction of actual positives the model finds, TP / (TP + FN). Precision matters when false positives are costly, such as flagging legitimate emails as spam, and recall matters when missing positives is costly, such as failing to detect a disease or fraud. The F1 score is their harmonic mean, which is useful as a single number when classes are imbalanced. Accuracy is misleading on imbalanced data: predicting "no fraud" for everything can be 99.9% accurate and useless.',
    ],
    [
      'medium',
      'How does gradient descent work, and what is the learning rate?',
      "Gradient descent minimises a loss function by repeatedly computing the gradient of the loss with respect to the model's parameters and moving the parameters a small step in the opposite direction, the direction of steepest decrease. The learning rate sets the step size: too large and training diverges or oscillates, too small and it is very slow or gets stuck. Stochastic and mini-batch gradient descent estimate the gradient on small batches, which is faster and adds helpful noise. Optimisers such as momentum and Adam adapt steps per parameter, and learning-rate schedules lower the rate over time.",
    ],
    [
      'medium',
      'What is regularisation? Compare L1 and L2.',
      'Regularisation adds a penalty on model complexity to the loss to reduce overfitting. L2 regularisation (ridge, or weight decay) penalises the sum of squared weights, shrinking all weights smoothly towards zero and handling correlated features well. L1 regularisation (lasso) penalises the sum of absolute weights, which drives many weights exactly to zero, effectively performing feature selection and producing sparse models. Elastic net combines both, and in neural networks dropout and early stopping serve a similar purpose.',
    ],
    [
      'medium',
      'How do decision trees work, and how do random forests and gradient boosting improve on them?',
      'A decision tree repeatedly splits the data on the feature and threshold that best separate the target, measured by Gini impurity or entropy for classification and variance for regression, until a stopping criterion; it is interpretable but prone to overfitting. A random forest trains many deep trees on bootstrap samples with random subsets of features at each split and averages their predictions, which reduces variance. Gradient boosting, as in XGBoost and LightGBM, builds shallow trees sequentially, each fitting the errors of the ensemble so far, which reduces bias. Boosted trees are often the strongest choice for tabular data.',
    ],
    [
      'hard',
      'What is the transformer architecture, and why was attention important?',
      "A transformer processes a sequence using self-attention: each token computes queries, keys and values, and its output is a weighted sum of all tokens' values, with weights from the softmax of scaled query-key dot products. This lets every token directly use context from any position, and, unlike recurrent networks, the whole sequence is processed in parallel, which made training on huge datasets practical. Multiple attention heads, feed-forward layers, residual connections, layer normalisation and positional encodings complete each layer. Attention's cost grows quadratically with sequence length, which motivates efficient attention variants for long contexts.",
    ],
    [
      'hard',
      'How do you handle a heavily imbalanced classification dataset?',
      'First choose metrics that reflect the goal, such as precision, recall, F1 or the area under the precision-recall curve, rather than accuracy, and use stratified splits. At the data level, oversample the minority class, for example with SMOTE, or undersample the majority class, applying this only to the training data. At the algorithm level, use class weights in the loss so minority errors cost more, and tune the decision threshold on validation data for the desired precision-recall trade-off. Collecting more minority examples, or framing the problem as anomaly detection, can also help.',
    ],
    [
      'hard',
      'How do you deploy and monitor a machine learning model in production?',
      'Package the model with its preprocessing so training and serving transformations are identical, version the model, data and code together, and serve it behind an API or in batch jobs, with canary or shadow deployment to compare it safely with the current model. Monitor operational metrics such as latency and errors, and model-specific signals: input data drift, prediction distribution drift and, when labels arrive, actual performance. Retrain on a schedule or when drift is detected, through an automated and reproducible pipeline. Log predictions and inputs, within privacy limits, for debugging and future training.',
    ],
    [
      'hard',
      'What is data leakage in machine learning, and how do you prevent it?',
      'Data leakage is when information that would not be available at prediction time slips into training, making validation results look far better than real-world performance. Examples include features derived from the target, such as "account closed date" when predicting churn, preprocessing like scaling fitted on the full dataset before splitting, duplicates across train and test sets, and random splits of time series that let the model see the future. Prevent it by splitting first and fitting all preprocessing inside the training folds, for example with scikit-learn pipelines, using time-based splits for temporal data, and checking suspiciously important features.',
    ],
    [
      'easy',
      'What is feature engineering, and why does it matter?',
      'Feature engineering transforms raw data into inputs that make patterns easier for a model to learn. Examples are scaling numeric features, encoding categories with one-hot or target encoding, extracting parts of dates such as day of week, creating ratios or aggregates like average order value, and handling missing values. Good features often improve results more than switching algorithms, especially for tabular data and simpler models. Deep learning learns many features automatically from raw data such as images and text, but domain-driven features still help in many tasks.',
    ],
  ],
};

export const dataScience: BankTopic = {
  id: 'data-science',
  label: 'Data Science & Statistics',
  entries: [
    [
      'easy',
      'What is the difference between the mean, median and mode, and when is the median preferred?',
      'The mean is the arithmetic average, the median is the middle value when the data are sorted, and the mode is the most frequent value. The mean is sensitive to outliers and skew: a few very high incomes pull the mean income far above what a typical person earns. The median is robust to outliers, so it is preferred for skewed distributions such as income, house prices or response times. The mode is mainly useful for categorical data.',
    ],
    [
      'easy',
      'What is the difference between correlation and causation?',
      'Correlation means two variables move together; causation means changing one actually changes the other. A correlation can arise from a confounding variable that drives both (ice cream sales and drownings both rise in summer), from reverse causation, or by chance when many variables are compared. Establishing causation requires randomised controlled experiments such as A/B tests, or careful causal inference methods on observational data, such as controlling for confounders, difference-in-differences or instrumental variables. Correlation is still useful for prediction, even when it is not causal.',
    ],
    [
      'easy',
      'How do you handle missing data in a dataset?',
      'First understand why data are missing: completely at random, at random given other variables, or not at random (related to the missing value itself), because that determines which methods are valid. Options include dropping rows or columns when missingness is small and random, imputing with the mean, median or mode, model-based imputation such as KNN or iterative imputation, or using models that handle missing values natively. Adding an indicator feature for "was missing" often helps, since missingness itself can be informative. Fit any imputation on the training data only, to avoid leakage.',
    ],
    [
      'medium',
      'What is a p-value, and what does it not tell you?',
      'A p-value is the probability of observing results at least as extreme as those measured, assuming the null hypothesis is true. A small p-value, below a threshold such as 0.05 chosen in advance, suggests the data are unlikely under the null, so you reject it. It is not the probability that the null hypothesis is true, and it says nothing about the size or practical importance of an effect: with enough data, trivial effects become significant. Running many tests inflates false positives, so report effect sizes with confidence intervals and correct for multiple comparisons.',
    ],
    [
      'medium',
      'How would you design and analyse an A/B test?',
      'Define one primary metric and a hypothesis, then compute the sample size needed from the baseline rate, the minimum detectable effect, the significance level and the desired power, typically 80%. Randomise users (not sessions) into control and variant, check that the split is balanced, and run the test for the full planned duration, covering whole weekly cycles, without stopping early when results look good. Analyse with the appropriate test, such as a two-proportion z-test for conversion rates, report the effect with a confidence interval, and check guardrail metrics for harm. Beware novelty effects and testing many metrics without correction.',
    ],
    [
      'medium',
      'What is the central limit theorem, and why is it important?',
      'The central limit theorem states that the distribution of the sample mean of independent, identically distributed observations approaches a normal distribution as the sample size grows, whatever the shape of the underlying distribution, provided it has finite variance. The standard error of the mean shrinks as sigma divided by the square root of n. This is why confidence intervals and hypothesis tests for means and proportions can use normal approximations even for skewed data, such as conversion rates in A/B tests. With heavy tails or small samples, convergence is slow, and bootstrapping is safer.',
    ],
    [
      'medium',
      'What are Type I and Type II errors?',
      'A Type I error is a false positive: rejecting a true null hypothesis, such as concluding that a new feature improves conversion when it does not; its probability is the significance level alpha. A Type II error is a false negative: failing to reject a false null hypothesis, missing a real effect; its probability is beta, and statistical power is 1 minus beta. For a fixed sample size, lowering one raises the other, and increasing the sample size reduces both. The acceptable balance depends on the relative costs of each mistake.',
    ],
    [
      'medium',
      'How would you detect and treat outliers?',
      'Start by visualising the data with box plots, histograms and scatter plots. Common rules flag points beyond 1.5 times the interquartile range from the quartiles, or with z-scores beyond about 3, while multivariate methods such as isolation forests detect unusual combinations. Then investigate the cause: data entry errors should be corrected or removed, but genuine extreme values may be the most important data, as in fraud detection. Depending on the goal, keep them and use robust statistics, cap (winsorise) them, transform the variable with a log, or model them separately, and document the decision.',
    ],
    [
      'hard',
      "What is Bayes' theorem? Give a practical example.",
      "Bayes' theorem updates the probability of a hypothesis given evidence: P(H|E) = P(E|H) × P(H) / P(E), combining the prior belief with the likelihood of the evidence. The classic example is a medical test that is 99% sensitive with a 5% false-positive rate for a disease affecting 1% of people: of 10,000 people, 99 of the 100 sick people test positive, but so do about 495 of the 9,900 healthy ones. So a positive result means only about a 17% chance of having the disease, because the base rate is low. The same reasoning underlies spam filters, naive Bayes classifiers and Bayesian A/B testing.",
    ],
    [
      'hard',
      'How would you evaluate whether a metric drop is a real problem?',
      'First check data quality and instrumentation: tracking changes, pipeline delays, bot filtering and definition changes cause many apparent drops. Then compare against normal variation, accounting for seasonality and day-of-week effects, for example against the same weekday in previous weeks, and check whether the change is statistically meaningful. Segment the metric by platform, country, app version, traffic source and new versus returning users to localise it, since a drop concentrated in one segment usually points to a specific cause. Finally, correlate it with releases, experiments, marketing changes, outages and external events.',
    ],
    [
      'hard',
      'What is the difference between frequentist and Bayesian statistics?',
      'Frequentist statistics treats parameters as fixed but unknown and defines probability as the long-run frequency of outcomes over repeated samples; it gives p-values and confidence intervals, where a 95% interval means the procedure captures the true value in 95% of repeated experiments. Bayesian statistics treats parameters as random variables with distributions, starts from a prior and updates it with data to a posterior, which gives direct statements such as "there is a 95% probability the effect lies in this interval". Bayesian methods incorporate prior knowledge and handle small samples and sequential decisions naturally, but results depend on the prior and often need computational methods such as MCMC.',
    ],
    [
      'hard',
      "What is Simpson's paradox?",
      "Simpson's paradox occurs when a trend that appears in every subgroup reverses or disappears when the groups are combined, because a confounding variable is unevenly distributed across groups. A classic example is a university where each department admits women at a similar or higher rate than men, yet overall women are admitted less often, because more women applied to the departments with low admission rates. The lesson is that aggregated data can mislead, so analyses should consider relevant subgroups and the causal structure. Which view is right depends on the question being asked.",
    ],
    [
      'easy',
      'What is the difference between a population and a sample, and why does sampling bias matter?',
      "The population is the entire group you want to draw conclusions about, and a sample is the subset you actually measure. Statistics computed on a sample estimate the population's values, with uncertainty that shrinks as the sample grows, but only if the sample is representative. Sampling bias, such as surveying only active users, online volunteers or survivors, produces systematically wrong conclusions that a larger sample does not fix. Random sampling, stratification and weighting help make samples representative.",
    ],
  ],
};

export const behavioral: BankTopic = {
  id: 'behavioral',
  label: 'Behavioural',
  entries: [
    [
      'easy',
      'Tell me about yourself.',
      "Give a two-minute professional summary, not a life story: where you are now (your current role and the kind of work you do), one or two achievements with concrete results that relate to the job, and why this role is the logical next step. Tailor it to the position, highlighting the skills the job description emphasises. Practise it so it sounds natural rather than recited, and end with a sentence that connects to the role, which invites the interviewer's next question.",
    ],
    [
      'easy',
      'What is the STAR method, and how should you use it in behavioural interviews?',
      'STAR stands for Situation, Task, Action and Result, a structure for answering "tell me about a time when" questions. Briefly set the situation and your task, spend most of the answer on the actions you personally took, saying "I" rather than "we", and finish with a concrete, ideally measurable result and what you learned. Keep it to about two minutes. Preparing six to eight stories in advance, covering conflict, failure, leadership, a tight deadline and a technical challenge, lets you adapt them to most questions.',
    ],
    [
      'easy',
      'Why do you want to work here?',
      'A strong answer shows you have researched the company and connects its specifics to your own goals and skills. Mention something concrete, such as the product, the technical challenges, the engineering culture or the mission, and explain why it matters to you. Then link it to what you bring, for example experience with a similar scale or stack. Avoid generic answers about salary or "a great company", which suggest you would take any job.',
    ],
    [
      'easy',
      'What are your greatest strengths and weaknesses?',
      'For strengths, pick two or three relevant to the role and support each with a brief concrete example, such as debugging production issues calmly, shown by a specific incident you resolved. For weaknesses, choose a real but non-critical one, explain its impact, and focus on what you are actively doing to improve, for example saying you used to take on too much alone and now break work down and ask for help earlier. Avoid disguised strengths such as "I am a perfectionist" and weaknesses that are core to the job.',
    ],
    [
      'medium',
      'Tell me about a time you disagreed with a teammate or manager. How did you handle it?',
      "Interviewers look for professionalism, listening and focus on outcomes rather than being right. Describe the disagreement concretely, for example about a technical approach, and how you sought to understand the other person's reasoning first, then made your case with data, prototypes or trade-offs rather than opinions. Explain how it was resolved, whether by reaching consensus, escalating appropriately or agreeing to disagree and commit to the team's decision, and the result. Close with what you learned, and show that the working relationship stayed good.",
    ],
    [
      'medium',
      'Describe a time you failed or made a significant mistake.',
      'Choose a real mistake with meaningful consequences, not a trivial one, and take clear ownership without blaming others. Explain what happened, what you did immediately to limit the damage, such as rolling back, communicating and fixing, and the root cause. The most important part is what you learned and what changed afterwards, such as adding tests, a checklist, monitoring or a different habit, ideally with evidence that it worked. This shows accountability, honesty and a growth mindset.',
    ],
    [
      'medium',
      'Tell me about a time you had to meet a tight deadline.',
      'Describe the situation and why the deadline was tight, then focus on how you managed it: clarifying what was truly required, prioritising ruthlessly, cutting or deferring scope in agreement with stakeholders, and communicating risks early rather than at the last minute. Mention how you protected quality on the critical parts, for example by keeping tests for core paths. Give the outcome and, if relevant, what you did afterwards to address shortcuts or prevent a similar crunch. Interviewers want planning and communication, not heroics.',
    ],
    [
      'medium',
      'How do you handle receiving critical feedback?',
      'Show that you treat feedback as information for improvement: you listen without becoming defensive, ask clarifying questions and examples to understand it, and thank the person. Then describe acting on it, with a concrete example of feedback you received, such as on code review thoroughness or communication, what you changed, and the result. Mentioning that you actively ask for feedback, for instance in one-to-ones or after projects, shows maturity. Also show that you can respectfully discuss feedback you disagree with.',
    ],
    [
      'medium',
      'Tell me about a project you are most proud of.',
      'Pick a project relevant to the role where you personally made a significant contribution. Explain the problem and why it mattered, your specific role and the hardest technical or organisational challenges, and the key decisions you made and why, including trade-offs. Quantify the outcome, for example latency reduced by 60%, revenue or users impacted, or time saved. Be ready for deep follow-up questions on the technical details, and mention what you would do differently now.',
    ],
    [
      'hard',
      'Tell me about a time you led a project or influenced others without formal authority.',
      "Describe a situation where you needed others' cooperation without being their manager, for example driving a migration across teams or introducing a new practice. Explain how you built support: understanding others' goals and constraints, making the case with data or a proof of concept, involving people early so they had ownership, and making adoption easy with documentation and tooling. Describe how you handled resistance and kept momentum, and give the measurable result. This demonstrates leadership, communication and persuasion.",
    ],
    [
      'hard',
      'Describe a time you had to make a decision with incomplete information.',
      'Explain the context and why waiting for complete information was not an option, for example during an incident or an urgent product decision. Describe how you gathered the most important facts quickly, identified the key risks and assumptions, and considered how reversible the decision was, moving faster on decisions that are easy to undo. Explain what you decided, how you communicated the uncertainty, and how you monitored the outcome to adjust course. End with the result and what it taught you about decision-making under uncertainty.',
    ],
    [
      'hard',
      'How have you handled an underperforming team member or a conflict within a team?',
      'Show empathy and directness together. Describe how you first sought to understand the causes privately, which could be unclear expectations, personal issues, skill gaps or team friction, and then gave specific, behaviour-based feedback. Explain the support and clear expectations you agreed on, such as pairing, more focused tasks or regular check-ins, and how you followed up. Give the outcome, whether improvement or an escalation handled fairly and with the appropriate people, and what you learned about addressing issues early.',
    ],
    [
      'hard',
      'Tell me about a time you improved a process or system significantly.',
      'Start with the problem and evidence that it was a problem, such as slow deployments, frequent incidents or a manual task taking hours each week, ideally with numbers. Describe how you analysed the root cause, the options you considered, and why you chose your approach, including how you got buy-in and rolled it out safely and incrementally. Quantify the result, for example build time reduced from 40 to 8 minutes or incident rate halved, and explain how you made the improvement stick through documentation, automation or ownership.',
    ],
  ],
};
