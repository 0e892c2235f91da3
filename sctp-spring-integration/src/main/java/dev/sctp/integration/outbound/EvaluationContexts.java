package dev.sctp.integration.outbound;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.integration.expression.ExpressionUtils;

/** The SpEL context of outbound endpoints: the integration context when there is one, else a standard one. */
final class EvaluationContexts {

    private EvaluationContexts() {
    }

    static EvaluationContext of(@Nullable BeanFactory beanFactory) {
        if (beanFactory != null
                && beanFactory.containsBean(IntegrationContextUtils.INTEGRATION_EVALUATION_CONTEXT_BEAN_NAME)) {
            return ExpressionUtils.createStandardEvaluationContext(beanFactory);
        }
        return new StandardEvaluationContext();
    }
}
